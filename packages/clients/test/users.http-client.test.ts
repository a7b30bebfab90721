import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { UsersClient } from '@chat/contracts';
import { isAppError } from '@chat/platform';
import { startTestServer, type TestServer } from '@chat/testing';
import { createHttpUsersClient } from '../src/users.http-client.ts';

const TOKEN = 'internal-token-for-tests-0123456789';

describe('HTTP UsersClient against a users-only server', () => {
  let server: TestServer;
  let users: UsersClient;
  before(async () => {
    server = await startTestServer({ env: { SERVICES: 'users', INTERNAL_TOKEN: TOKEN } });
    users = createHttpUsersClient({ baseUrl: server.internalUrl!, internalToken: TOKEN, retryDelayMs: 1 });
  });
  after(() => server.stop());

  test('create, find by email (case-insensitive) and id, profiles, role, seen, remove', async () => {
    const created = await users.createUser({ email: 'Http@Example.com', nickname: '에이치' });
    assert.deepEqual(
      { ...created, id: 0 },
      { id: 0, email: 'Http@Example.com', nickname: '에이치', role: 'ROLE_USER', status: 'ACTIVE' },
    );
    assert.deepEqual(await users.findByEmail('http@example.COM'), created);
    assert.deepEqual(await users.getUser(created.id), created);
    assert.equal(await users.findByEmail('nobody@example.com'), null);
    assert.equal(await users.getUser(999_999), null);
    const profiles = await users.getPublicProfiles([created.id, 999_999]);
    assert.deepEqual(profiles, [
      { id: created.id, nickname: '에이치', status: 'ACTIVE', profileImageUrl: null, statusMessage: null },
    ]);
    assert.deepEqual(await users.getPublicProfiles([]), []);
    assert.equal((await users.setRole(created.id, 'ROLE_ADMIN')).role, 'ROLE_ADMIN');
    await users.markSeen(created.id);
    await users.removeUser(created.id);
    await users.removeUser(created.id);
    assert.equal(await users.getUser(created.id), null);
  });

  test('errors keep their meaning: 409 CONFLICT, 400, 404', async () => {
    await users.createUser({ email: 'taken@example.com', nickname: 't' });
    await assert.rejects(
      users.createUser({ email: 'TAKEN@example.com', nickname: 't' }),
      (e) => isAppError(e) && e.code === 'CONFLICT',
    );
    await assert.rejects(
      users.createUser({ email: 'bad', nickname: 't' }),
      (e) => isAppError(e) && e.code === 'BAD_REQUEST',
    );
    await assert.rejects(users.setRole(999_999, 'ROLE_USER'), (e) => isAppError(e) && e.code === 'NOT_FOUND');
  });

  test('the internal routes need the token', async () => {
    const wrong = createHttpUsersClient({ baseUrl: server.internalUrl!, internalToken: 'wrong', retries: 0 });
    await assert.rejects(
      wrong.getUser(1),
      (e) => isAppError(e) && e.code === 'SERVICE_UNAVAILABLE' && /internal token/.test(e.message),
    );
    const res = await fetch(`${server.internalUrl}/internal/users/1`);
    assert.equal(res.status, 401);
  });

  test('without INTERNAL_TOKEN the internal routes do not exist', async () => {
    const plain = await startTestServer({ env: { SERVICES: 'users' } });
    try {
      assert.equal(plain.internalUrl, undefined, 'no internal listener');
      const res = await fetch(`${plain.url}/internal/users/1`, { headers: { 'x-internal-token': '' } });
      assert.equal(res.status, 404);
    } finally {
      await plain.stop();
    }
  });
});
