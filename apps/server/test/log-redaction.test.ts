import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { createLogger, loadConfig } from '@chat/platform';
import { seedEmbeddedDataDir } from '@chat/platform/testing';
import { type RunningServer, startServer } from '@chat/server';
import { createApi, signup, TEST_JWT_SECRET } from '@chat/testing';

/** Every line the server logs, as written (JSON), at the level it would run in production. */
const lines: string[] = [];
const destination = new Writable({
  write(chunk: Buffer, _enc, done) {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  },
});
const logger = createLogger({ level: 'info', destination });
const dataDir = mkdtempSync(join(tmpdir(), 'chat-logs-'));
let server: RunningServer;

before(async () => {
  await seedEmbeddedDataDir(dataDir);
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    JWT_SECRET: TEST_JWT_SECRET,
    LOGIN_RATE_PER_MIN: '100000',
  });
  server = await startServer(config, logger);
});
after(async () => {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('logs at info keep no search terms, tokens or SQL parameters', () => {
  test('a search, a token in a URL and a failing query leave none of their data in the log', async () => {
    const api = createApi(server.url);
    const user = await signup(api);
    const found = await api.get('/api/users?query=secret-term-one', { token: user.token });
    assert.equal(found.status, 200);
    const withToken = await api.get(`/api/users/me?access_token=${user.token}`, { token: user.token });
    assert.equal(withToken.status, 200);
    // A query that fails in the database: the users table is gone for a moment.
    await server.infra.db.query('alter table users.users rename to users_moved_away');
    try {
      const failed = await api.get('/api/users?query=secret-term-two', { token: user.token });
      assert.equal(failed.status, 500);
    } finally {
      await server.infra.db.query('alter table users.users_moved_away rename to users');
    }
    const text = lines.join('\n');
    const requestLines = lines.filter((l) => l.includes('"msg":"request"'));
    assert.ok(
      requestLines.some((l) => l.includes('"url":"/api/users"')),
      'the request line keeps the path',
    );
    assert.ok(
      lines.some((l) => l.includes('"level":50')),
      'the failure was logged as an error',
    );
    for (const secret of ['secret-term-one', 'secret-term-two', user.token, 'access_token']) {
      assert.ok(!text.includes(secret), `${secret.slice(0, 20)} is not in the log`);
    }
    assert.ok(!/"params"|"query":"select/i.test(text), 'no SQL text or parameters in error logs');
  });

  test('tokens, passwords and authorization headers are redacted wherever they are logged', () => {
    const before = lines.length;
    logger.info(
      {
        token: 'tok-secret',
        refreshToken: 'refresh-secret',
        password: 'pass-secret',
        body: { password: 'nested-secret', token: 'nested-token' },
        headers: { authorization: 'Bearer header-secret' },
      },
      'something happened',
    );
    const line = lines.slice(before).join('\n');
    assert.match(line, /something happened/);
    for (const secret of [
      'tok-secret',
      'refresh-secret',
      'pass-secret',
      'nested-secret',
      'nested-token',
      'header-secret',
    ]) {
      assert.ok(!line.includes(secret), secret);
    }
  });
});
