import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeOnBackends, login, signup, TEST_JWT_SECRET } from '@chat/testing';
import { SignJWT, UnsecuredJWT } from 'jose';

const forge = (claims: Record<string, unknown>, secret = TEST_JWT_SECRET, alg = 'HS256') =>
  new SignJWT(claims).setProtectedHeader({ alg }).sign(new TextEncoder().encode(secret));

await describeOnBackends(
  'auth: sessions and tokens over HTTP',
  (p) => {
    const me = (token: string) => p().api.get('/api/users/me', { token });

    test('refresh returns a new pair in the login shape; each refresh token works once', async () => {
      const user = await signup(p().api);
      const r1 = await p().api.post('/api/auth/refresh', { refreshToken: user.refreshToken });
      assert.equal(r1.status, 200);
      assert.equal(r1.body.userId, user.userId);
      assert.equal(r1.body.email, user.email);
      assert.notEqual(r1.body.refreshToken, user.refreshToken);
      assert.notEqual(r1.body.token, user.token);
      assert.equal((await me(r1.body.token)).status, 200);
      const r2 = await p().api.post('/api/auth/refresh', { refreshToken: r1.body.refreshToken });
      assert.equal(r2.status, 200);
    });

    test('a reused refresh token revokes the whole session: its refresh and access tokens', async () => {
      const user = await signup(p().api);
      const other = await login(p().api, user.email, user.password);
      const rotated = await p().api.post('/api/auth/refresh', { refreshToken: user.refreshToken });
      assert.equal(rotated.status, 200);
      const reuse = await p().api.post('/api/auth/refresh', { refreshToken: user.refreshToken });
      assert.equal(reuse.status, 401);
      assert.equal(reuse.body.error, 'UNAUTHORIZED');
      assert.equal(
        (await p().api.post('/api/auth/refresh', { refreshToken: rotated.body.refreshToken })).status,
        401,
      );
      assert.equal((await me(rotated.body.token)).status, 401);
      assert.equal((await me(user.token)).status, 401);
      assert.equal((await me(other.token)).status, 200, 'another session of the same user is untouched');
    });

    test('logout: 204, the access token fails at once, the refresh token too, other sessions keep working', async () => {
      const user = await signup(p().api);
      const second = await login(p().api, user.email, user.password);
      const out = await p().api.post('/api/auth/logout', undefined, { token: user.token });
      assert.equal(out.status, 204);
      assert.equal(out.text, '');
      assert.equal((await me(user.token)).status, 401);
      assert.equal(
        (await p().api.post('/api/auth/refresh', { refreshToken: user.refreshToken })).status,
        401,
      );
      assert.equal((await me(second.token)).status, 200);
      assert.equal(
        (await p().api.post('/api/auth/refresh', { refreshToken: second.refreshToken })).status,
        200,
      );
      assert.equal((await p().api.post('/api/auth/logout', undefined, { token: user.token })).status, 401);
    });

    test('logout: the body is optional (none, empty JSON, an object, ignored fields); no token is 401', async () => {
      const user = await signup(p().api);
      const bodies: [unknown, string | undefined][] = [
        [undefined, ''],
        [{}, undefined],
        [{ refreshToken: 'x', other: 1 }, undefined],
      ];
      for (const [body, raw] of bodies) {
        const session = await login(p().api, user.email, user.password);
        const res = await p().api.post('/api/auth/logout', body, {
          token: session.token,
          ...(raw === undefined ? {} : { raw }),
        });
        assert.equal(res.status, 204, res.text);
      }
      const bare = await login(p().api, user.email, user.password);
      const res = await fetch(`${p().server.url}/api/auth/logout`, {
        method: 'POST',
        headers: { authorization: `Bearer ${bare.token}` },
      });
      assert.equal(res.status, 204);
      assert.equal((await p().api.post('/api/auth/logout')).status, 401);
    });

    test('401 for every token problem: bad signature, alg none, expired, wrong type, revoked, garbage', async () => {
      const user = await signup(p().api);
      const now = Math.floor(Date.now() / 1000);
      const claims = {
        sub: String(user.userId),
        email: user.email,
        role: 'ROLE_USER',
        sid: 's',
        jti: 'j',
        typ: 'access',
        iat: now,
        exp: now + 600,
      };
      assert.equal(
        (await me(await forge(claims))).status,
        200,
        'sanity: a well-formed token with the key passes',
      );
      const bad = {
        'bad signature': await forge(claims, 'another-secret-0123456789-0123456789-xyz'),
        'alg none': new UnsecuredJWT(claims).encode(),
        'HS512 with the right key': await forge(claims, TEST_JWT_SECRET, 'HS512'),
        expired: await forge({ ...claims, iat: now - 1000, exp: now - 10 }),
        'refresh token as access token': user.refreshToken,
        'typ refresh': await forge({ ...claims, typ: 'refresh' }),
        'role escalation without the key': await forge({ ...claims, role: 'ROLE_ADMIN' }, 'guess'),
        garbage: 'not.a.jwt',
        empty: '',
      };
      for (const [name, token] of Object.entries(bad)) {
        const res = await p().api.get('/api/users/me', { headers: { authorization: `Bearer ${token}` } });
        assert.equal(res.status, 401, name);
        assert.equal(res.body.error, 'UNAUTHORIZED', name);
      }
      const asRefresh = await p().api.post('/api/auth/refresh', { refreshToken: user.token });
      assert.equal(asRefresh.status, 401, 'an access token is not a refresh token');
      assert.equal((await p().api.post('/api/auth/refresh', { refreshToken: 'garbage' })).status, 401);
      assert.equal((await p().api.post('/api/auth/refresh', {})).status, 400);
      assert.equal((await p().api.get('/api/users/me')).status, 401);
      assert.equal(
        (await p().api.get('/api/users/me', { headers: { authorization: user.token } })).status,
        401,
        'no Bearer',
      );
    });

    test('admin guard: 401 without a token, 403 for ROLE_USER, 200 for ROLE_ADMIN (routes and actuator)', async () => {
      const user = await signup(p().api);
      const target = await signup(p().api);
      const path = `/api/users/${target.userId}/status`;
      assert.equal((await p().api.patch(path, { status: 'INACTIVE' })).status, 401);
      const forbidden = await p().api.patch(path, { status: 'INACTIVE' }, { token: user.token });
      assert.equal(forbidden.status, 403);
      assert.equal(forbidden.body.error, 'FORBIDDEN');
      assert.equal((await p().api.delete(`/api/users/${target.userId}`, { token: user.token })).status, 403);
      assert.equal((await p().api.get('/actuator/info')).status, 401);
      assert.equal((await p().api.get('/actuator/info', { token: user.token })).status, 403);
      assert.equal((await p().api.get('/actuator/info', { token: p().admin.token })).status, 200);
      assert.equal((await p().api.get('/actuator/health')).status, 200, 'health needs no token');
      const forgedAdmin = await forge({
        sub: String(user.userId),
        email: user.email,
        role: 'ROLE_ADMIN',
        sid: 's',
        jti: 'j',
        typ: 'access',
        iat: 1,
        exp: 1,
      });
      assert.equal((await p().api.get('/actuator/info', { token: forgedAdmin })).status, 401);
    });
  },
  { env: { SERVICES: 'users,auth' }, transport: 'inject' },
);
