import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { seedEmbeddedDataDir } from '@chat/platform/testing';
import { login, signup, startTestServer } from '@chat/testing';

const dataDir = mkdtempSync(join(tmpdir(), 'chat-admin-boot-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

describe('administrator from ADMIN_EMAIL / ADMIN_PASSWORD', () => {
  test('created at start, unchanged by restarts; a non-admin account with that email is not promoted', async () => {
    const env = {
      SERVICES: 'users,auth',
      ADMIN_EMAIL: 'root@example.com',
      ADMIN_PASSWORD: 'root-password-1',
    };
    await seedEmbeddedDataDir(dataDir);
    const first = await startTestServer({ dataDir, env });
    const admin = await login(first.api, 'root@example.com', 'root-password-1');
    assert.equal(admin.role, 'ROLE_ADMIN');
    const squatter = await signup(first.api, { email: 'later-admin@example.com' });
    await first.stop();

    const second = await startTestServer({ dataDir, env: { ...env, ADMIN_PASSWORD: 'changed-password-2' } });
    try {
      const again = await login(second.api, 'root@example.com', 'root-password-1');
      assert.equal(again.userId, admin.userId, 'same account, password not reset by configuration');
    } finally {
      await second.stop();
    }

    const third = await startTestServer({ dataDir, env: { ...env, ADMIN_EMAIL: 'later-admin@example.com' } });
    try {
      const user = await login(third.api, squatter.email, squatter.password);
      assert.equal(user.role, 'ROLE_USER', 'never promoted by configuration');
    } finally {
      await third.stop();
    }
  });
});
