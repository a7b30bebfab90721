import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { INTERNAL_TOKEN_HEADER } from '@chat/contracts';
import { createApi, signup, startTestServer, type TestServer } from '@chat/testing';

const TOKEN = 'c0ffee12-internal-9b7a-4d3e-85f1-token';

describe('internal routes: own listener, token checked and guesses throttled', () => {
  let users: TestServer;
  before(async () => {
    users = await startTestServer({
      // TRUST_PROXY is for the public listener: the internal one never honours X-Forwarded-For.
      env: {
        SERVICES: 'users,auth',
        INTERNAL_TOKEN: TOKEN,
        INTERNAL_AUTH_FAILURES_PER_MIN: '3',
        TRUST_PROXY: 'true',
      },
    });
  });
  after(() => users?.stop());

  test('the public port does not serve internal routes, even with the right token', async () => {
    const victim = await signup(users.api);
    const headers = { [INTERNAL_TOKEN_HEADER]: TOKEN };
    const promote = await users.api.put(
      `/internal/users/${victim.userId}/role`,
      { role: 'ROLE_ADMIN' },
      { headers },
    );
    assert.equal(promote.status, 404);
    assert.equal((await users.api.get(`/internal/users/${victim.userId}`, { headers })).status, 404);
    assert.equal((await users.api.get('/api/users/me', { token: victim.token })).body.role, 'ROLE_USER');
  });

  test('on the internal listener a wrong token is 401, and repeated guesses get 429 whatever X-Forwarded-For says', async () => {
    assert.ok(users.internalUrl, 'a process running some services opens the internal listener');
    const internal = createApi(users.internalUrl);
    const user = await signup(users.api);
    const right = { headers: { [INTERNAL_TOKEN_HEADER]: TOKEN } };
    assert.equal((await internal.get(`/internal/users/${user.userId}`, right)).status, 200);
    const wrong = (i: number) => ({
      headers: { [INTERNAL_TOKEN_HEADER]: 'abc', 'x-forwarded-for': `10.9.9.${i}` },
    });
    for (let i = 0; i < 3; i++) {
      const res = await internal.get(`/internal/users/${user.userId}`, wrong(i));
      assert.equal(res.status, 401);
      assert.equal(res.body.error, 'UNAUTHORIZED');
    }
    const limited = await internal.get(`/internal/users/${user.userId}`, wrong(3));
    assert.equal(limited.status, 429);
    assert.equal(limited.body.error, 'TOO_MANY_REQUESTS');
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
    assert.equal(
      (await internal.get(`/internal/users/${user.userId}`, right)).status,
      429,
      'a guess that happens to be right is refused too while the address is throttled',
    );
  });

  test('with every service in one process there is no internal listener', async () => {
    const all = await startTestServer({ env: { INTERNAL_TOKEN: TOKEN } });
    try {
      assert.equal(all.internalUrl, undefined);
      const user = await signup(all.api);
      const headers = { [INTERNAL_TOKEN_HEADER]: TOKEN };
      assert.equal((await all.api.get(`/internal/users/${user.userId}`, { headers })).status, 404);
    } finally {
      await all.stop();
    }
  });
});
