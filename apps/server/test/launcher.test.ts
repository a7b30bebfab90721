import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { seedEmbeddedDataDir } from '@chat/platform/testing';
import { freePort, spawnServer, startTestS3Server, waitForHealth } from '@chat/testing';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'chat-launcher-'));
  dirs.push(dir);
  return dir;
};
/** A DATA_DIR holding an initialised database (a copy, no initdb in the server under test). */
const seededDir = async () => {
  const dir = tempDir();
  await seedEmbeddedDataDir(dir);
  return dir;
};
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('launcher', () => {
  test('embedded mode answers health UP with every component, and SIGTERM exits 0', async () => {
    const port = String(await freePort());
    // The sources through tsx, as `npm start` runs them (not the test run's bundle).
    const server = spawnServer({ PORT: port, DATA_DIR: tempDir() }, [], { sources: true });
    const health = (await waitForHealth(server)) as {
      status: string;
      components: Record<string, { status: string; details: { adapter: string } }>;
    };
    assert.equal(health.status, 'UP');
    assert.deepEqual(
      Object.fromEntries(
        Object.entries(health.components).map(([k, v]) => [k, [v.status, v.details.adapter]]),
      ),
      {
        db: ['UP', 'pglite'],
        cache: ['UP', 'memory'],
        pubsub: ['UP', 'memory'],
        log: ['UP', 'embedded'],
        storage: ['UP', 'filesystem'],
      },
    );
    const live = await fetch(`${server.url}/actuator/health/liveness`);
    assert.equal(live.status, 200);
    const ready = await fetch(`${server.url}/actuator/health/readiness`);
    assert.deepEqual(await ready.json(), { status: 'UP' });
    const metrics = await fetch(`${server.url}/actuator/prometheus`);
    assert.match(await metrics.text(), /http_server_request_duration_seconds_bucket/);
    const info = await fetch(`${server.url}/actuator/info`);
    assert.equal(info.status, 401, 'other actuator paths need an admin token');
    const missing = await fetch(`${server.url}/api/nothing-here`);
    assert.equal(missing.status, 404);
    const body = (await missing.json()) as Record<string, unknown>;
    assert.equal(body.error, 'NOT_FOUND');
    assert.equal(body.path, '/api/nothing-here');
    assert.ok(missing.headers.get('x-request-id'));

    server.child.kill('SIGTERM');
    assert.equal(await server.exited, 0);
  });

  test('data written survives a restart (embedded)', async () => {
    const dataDir = tempDir();
    await seedEmbeddedDataDir(dataDir);
    const first = spawnServer({ PORT: String(await freePort()), DATA_DIR: dataDir });
    await waitForHealth(first);
    const credentials = { email: 'restart@example.com', password: 'restart-password-1' };
    const signup = await fetch(`${first.url}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...credentials, nickname: '재시작' }),
    });
    assert.equal(signup.status, 201);
    const { token } = (await signup.json()) as { token: string };
    const room = await fetch(`${first.url}/api/rooms/group`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ name: '남아 있어야 할 방', memberIds: [] }),
    });
    assert.equal(room.status, 201);
    first.child.kill('SIGTERM');
    assert.equal(await first.exited, 0);

    const second = spawnServer({ PORT: String(await freePort()), DATA_DIR: dataDir });
    await waitForHealth(second);
    const login = await fetch(`${second.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(credentials),
    });
    assert.equal(login.status, 200, 'the account survived');
    const again = (await login.json()) as { token: string };
    const rooms = await fetch(`${second.url}/api/rooms`, {
      headers: { authorization: `Bearer ${again.token}` },
    });
    assert.deepEqual(
      ((await rooms.json()) as { name: string }[]).map((r) => r.name),
      ['남아 있어야 할 방'],
      'the room survived',
    );
    second.child.kill('SIGTERM');
    assert.equal(await second.exited, 0);
  });

  test('with S3_BUCKET attachments go to that bucket, and a missing bucket stops the start', async () => {
    const s3 = await startTestS3Server();
    try {
      const server = spawnServer({ PORT: String(await freePort()), DATA_DIR: await seededDir(), ...s3.env });
      const health = (await waitForHealth(server)) as { components: Record<string, { details: object }> };
      assert.deepEqual(health.components.storage, { status: 'UP', details: { adapter: 's3' } });
      server.child.kill('SIGTERM');
      assert.equal(await server.exited, 0);
      const missing = spawnServer({
        PORT: String(await freePort()),
        DATA_DIR: await seededDir(),
        ...s3.env,
        S3_BUCKET: 'not-made-yet',
      });
      assert.equal(await missing.exited, 1);
      assert.match(missing.stderr(), /^cannot start: cannot use S3_BUCKET not-made-yet: NotFound \(404\)$/m);
    } finally {
      await s3.close();
    }
  });

  test('a second process on the same DATA_DIR refuses to start', async () => {
    const dataDir = tempDir();
    await seedEmbeddedDataDir(dataDir);
    const first = spawnServer({ PORT: String(await freePort()), DATA_DIR: dataDir });
    await waitForHealth(first);
    const second = spawnServer({ PORT: String(await freePort()), DATA_DIR: dataDir });
    assert.equal(await second.exited, 1);
    assert.match(second.stderr(), /^cannot start: DATA_DIR: .* is in use by process \d+/m);
    first.child.kill('SIGTERM');
    assert.equal(await first.exited, 0);
  });

  const badConfigs: [string, Record<string, string>, RegExp][] = [
    ['missing secret in production', { NODE_ENV: 'production' }, /JWT_SECRET is required/],
    ['weak secret in production', { NODE_ENV: 'production', JWT_SECRET: 'changeme' }, /JWT_SECRET must be/],
    [
      'weak internal token in production',
      { NODE_ENV: 'production', JWT_SECRET: 'k'.repeat(40), SERVICES: 'users', INTERNAL_TOKEN: 'abc' },
      /INTERNAL_TOKEN must be at least 32/,
    ],
    ['bad URL', { REDIS_URL: 'not a url' }, /REDIS_URL is not a valid URL/],
    ['wrong scheme', { DATABASE_URL: 'mysql://localhost/db' }, /DATABASE_URL must start with postgres:/],
    ['bad number', { PORT: 'eighty' }, /PORT must be a whole number/],
    ['unknown service', { SERVICES: 'chat,payments' }, /SERVICES \(or --service\) must list/],
    ['unreachable Redis', { REDIS_URL: 'redis://127.0.0.1:1' }, /^cannot start: REDIS_URL: /m],
    [
      'unreachable PostgreSQL',
      { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/x' },
      /^cannot start: DATABASE_URL: /m,
    ],
    ['unreachable NATS', { NATS_URL: 'nats://127.0.0.1:1' }, /^cannot start: NATS_URL: /m],
    [
      'unreachable S3',
      {
        S3_BUCKET: 'chat-files',
        S3_ENDPOINT: 'http://127.0.0.1:1',
        S3_ACCESS_KEY_ID: 'a',
        S3_SECRET_ACCESS_KEY: 'b',
      },
      /^cannot start: cannot use S3_BUCKET chat-files: ECONNREFUSED/m,
    ],
  ];
  describe('bad configuration', { concurrency: 3 }, () => {
    for (const [name, env, expected] of badConfigs) {
      test(`bad configuration exits 1 with a one-line reason: ${name}`, async () => {
        const server = spawnServer(
          { PORT: String(await freePort()), DATA_DIR: await seededDir(), ...env },
          [],
          { sources: true },
        );
        assert.equal(await server.exited, 1);
        const stderr = server.stderr().trim();
        assert.match(stderr, expected);
        assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
        assert.ok(stderr.split('\n').length <= 3, `short output, got:\n${stderr}`);
      });
    }
  });
});
