import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { seedEmbeddedDataDir } from '@chat/platform/testing';
import { login, spawnServer, startTestServer } from '@chat/testing';

const dataDir = mkdtempSync(join(tmpdir(), 'chat-admin-cli-'));
await seedEmbeddedDataDir(dataDir);
after(() => rmSync(dataDir, { recursive: true, force: true }));

async function adminCreate(...args: string[]) {
  const run = spawnServer({ DATA_DIR: dataDir, JWT_SECRET: 'cli-test-secret-0123456789-0123456789' }, [
    'admin:create',
    ...args,
  ]);
  return { code: await run.exited, stdout: run.stdout(), stderr: run.stderr() };
}

describe('admin:create', () => {
  test('creates an administrator, is repeatable, and refuses bad input in one line', async () => {
    const created = await adminCreate(
      '--email',
      'Boss@Example.com',
      '--password',
      'boss-password-1',
      '--nickname',
      '관리자',
    );
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, /created administrator Boss@Example.com \(userId \d+\)/);

    const again = await adminCreate('--email', 'boss@example.com', '--password', 'boss-password-2');
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /made administrator \(password set\)/);

    for (const args of [
      ['--email', 'x@example.com'],
      ['--email', 'not-an-email', '--password', 'password-123'],
      ['--email', 'y@example.com', '--password', 'short'],
    ]) {
      const bad = await adminCreate(...args);
      assert.equal(bad.code, 1, args.join(' '));
      assert.match(bad.stderr.trim(), /^cannot start: /);
      assert.equal(bad.stderr.trim().split('\n').length, 1);
    }

    const server = await startTestServer({ dataDir, env: { SERVICES: 'users,auth' } });
    try {
      const admin = await login(server.api, 'boss@example.com', 'boss-password-2');
      assert.equal(admin.role, 'ROLE_ADMIN');
      assert.equal(admin.nickname, '관리자');
      assert.equal((await server.api.get('/actuator/info', { token: admin.token })).status, 200);
      assert.equal(
        (await server.api.post('/api/auth/login', { email: 'boss@example.com', password: 'boss-password-1' }))
          .status,
        401,
      );
    } finally {
      await server.stop();
    }
  });
});
