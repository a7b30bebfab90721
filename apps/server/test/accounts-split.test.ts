import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { deleteRedisPrefix, skipUnless, uniqueName } from '@chat/platform/testing';
import {
  createRealBackend,
  deleteNatsPrefix,
  eventually,
  login,
  type RealBackend,
  signup,
  startTestServer,
  TEST_ADMIN,
  type TestServer,
} from '@chat/testing';

const TOKEN = 'split-internal-token-0123456789';
const skip = await skipUnless('accounts split over HTTP [real]', 'postgres', 'redis', 'nats');

describe('users and auth in separate processes (HTTP client, shared Redis and NATS)', { skip }, () => {
  let backend: RealBackend;
  let users: TestServer;
  let auth: TestServer;
  before(async () => {
    backend = await createRealBackend();
    const env = {
      ...backend.env,
      INTERNAL_TOKEN: TOKEN,
      ADMIN_EMAIL: TEST_ADMIN.email,
      ADMIN_PASSWORD: TEST_ADMIN.password,
    };
    users = await startTestServer({ env: { ...env, SERVICES: 'users' } });
    auth = await startTestServer({ env: { ...env, SERVICES: 'auth', USERS_URL: users.internalUrl! } });
  });
  after(async () => {
    await auth?.stop();
    await users?.stop();
    await backend?.cleanup();
  });

  test('signup and login on auth, profile on users, suspension on users ends the session on auth', async () => {
    assert.equal((await auth.api.get('/api/users/me')).status, 404, 'auth does not serve users routes');
    const user = await signup(auth.api, { nickname: '분리' });
    const me = await users.api.get('/api/users/me', { token: user.token });
    assert.equal(me.status, 200);
    assert.equal(me.body.nickname, '분리');
    assert.equal(
      (await auth.api.post('/api/auth/signup', { email: user.email, password: 'password-1', nickname: 'x' }))
        .status,
      409,
    );

    const admin = await login(auth.api, TEST_ADMIN.email, TEST_ADMIN.password);
    assert.equal(admin.role, 'ROLE_ADMIN');
    const second = await login(auth.api, user.email, user.password);
    assert.equal(
      (
        await users.api.patch(
          `/api/users/${user.userId}/status`,
          { status: 'SUSPENDED' },
          { token: admin.token },
        )
      ).status,
      200,
    );
    assert.equal((await users.api.get('/api/users/me', { token: second.token })).status, 401);
    assert.equal(
      (await auth.api.post('/api/auth/logout', undefined, { token: second.token })).status,
      401,
      'auth sees the revocation too',
    );
    assert.equal(
      (await auth.api.post('/api/auth/refresh', { refreshToken: second.refreshToken })).status,
      401,
    );
    assert.equal(
      (await auth.api.post('/api/auth/login', { email: user.email, password: user.password })).status,
      403,
    );
    const db = auth.server.infra.db;
    await eventually(async () => {
      const { rows } = await db.query<{ n: number }>(
        'select count(*)::int as n from auth.sessions where user_id = $1 and revoked_at is null',
        [user.userId],
      );
      return rows[0]!.n === 0;
    });
  });

  test('deleting my account on users asks auth for the password over AUTH_URL; without it, 503', async () => {
    const user = await signup(auth.api);
    const del = (server: TestServer, password: string) =>
      server.api.request('DELETE', '/api/users/me', { password }, { token: user.token });
    const unconfigured = await del(users, user.password);
    assert.equal(unconfigured.status, 503, 'users without AUTH_URL cannot confirm a password');
    assert.equal(unconfigured.body.error, 'SERVICE_UNAVAILABLE');

    // A second users node that knows where auth is (same database, cache and log).
    const withAuth = await startTestServer({
      env: { ...backend.env, INTERNAL_TOKEN: TOKEN, SERVICES: 'users', AUTH_URL: auth.internalUrl! },
    });
    try {
      const wrong = await del(withAuth, 'not-the-password');
      assert.equal(wrong.status, 400);
      assert.match(wrong.body.message, /body\.password/);
      assert.equal((await del(withAuth, user.password)).status, 204);
      assert.equal((await users.api.get('/api/users/me', { token: user.token })).status, 401);
      // auth hears UserDeleted and drops the credential: the email signs up again.
      await eventually(async () => {
        const res = await auth.api.post('/api/auth/signup', {
          email: user.email,
          password: 'password-again-1',
          nickname: 'again',
        });
        return res.status === 201;
      });
    } finally {
      await withAuth.stop();
    }
  });

  test('when users is down, auth answers 503 quickly, not 500', async () => {
    const namespace = uniqueName('t');
    const lonely = await startTestServer({
      env: {
        ...backend.env,
        NAMESPACE: namespace,
        INTERNAL_TOKEN: TOKEN,
        SERVICES: 'auth',
        USERS_URL: 'http://127.0.0.1:1',
      },
    });
    try {
      const res = await lonely.api.post('/api/auth/login', {
        email: 'a@example.com',
        password: 'password-1',
      });
      assert.equal(res.status, 503);
      assert.equal(res.body.error, 'SERVICE_UNAVAILABLE');
    } finally {
      await lonely.stop();
      await deleteRedisPrefix(`${namespace}:`);
      await deleteNatsPrefix(namespace);
    }
  });
});
