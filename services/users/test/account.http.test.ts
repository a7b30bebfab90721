// Account self-service in users (issue 13): deleting my account with my password, and my
// profile's part of the data export.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeOnBackends, eventually, signup, TEST_ADMIN } from '@chat/testing';

const EXPORTS_PER_HOUR = 3;

function assertError(res: { status: number; body: Record<string, unknown> }, status: number, error: string) {
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.equal(res.body.error, error);
  for (const field of ['message', 'path', 'timestamp']) assert.equal(typeof res.body[field], 'string', field);
}

await describeOnBackends(
  'users: deleting my account and exporting my profile',
  (p) => {
    const deleteMe = (token: string | undefined, body?: unknown, raw?: string) =>
      p().api.request('DELETE', '/api/users/me', body, {
        ...(token ? { token } : {}),
        ...(raw === undefined ? {} : { raw }),
      });
    const me = (token: string) => p().api.get('/api/users/me', { token });

    test('delete my account: 204; every token of mine fails at once, the email is free, my old password is gone', async () => {
      const user = await signup(p().api, { nickname: '떠나는 사람' });
      const second = await p().api.post('/api/auth/login', { email: user.email, password: user.password });
      const other = await signup(p().api);
      const res = await deleteMe(user.token, { password: user.password });
      assert.equal(res.status, 204, res.text);
      assert.equal(res.text, '');
      for (const token of [user.token, second.body.token]) assert.equal((await me(token)).status, 401);
      assert.equal(
        (await p().api.post('/api/auth/refresh', { refreshToken: user.refreshToken })).status,
        401,
      );
      assertError(await p().api.get(`/api/users/${user.userId}`, { token: other.token }), 404, 'NOT_FOUND');
      // auth drops the credential from the UserDeleted event: then the login is 401 like an unknown email.
      await eventually(async () => {
        const login = await p().api.post('/api/auth/login', { email: user.email, password: user.password });
        return login.status === 401;
      });
      const again = await signup(p().api, { email: user.email.toUpperCase(), nickname: '돌아온 사람' });
      assert.notEqual(again.userId, user.userId, 'a new account (ids are never reused)');
      assert.equal((await me(again.token)).body.nickname, '돌아온 사람');
    });

    test('delete my account: a wrong password is 400 naming the field and deletes nothing', async () => {
      const user = await signup(p().api);
      const res = await deleteMe(user.token, { password: 'not-my-password' });
      assertError(res, 400, 'BAD_REQUEST');
      assert.match(res.body.message, /body\.password/);
      assert.equal((await me(user.token)).status, 200, 'still there and still signed in');
    });

    test('delete my account: bad bodies and no token get the contract error, nothing is deleted', async () => {
      const user = await signup(p().api);
      const cases: [unknown, string | undefined, RegExp][] = [
        [undefined, undefined, /body/],
        [{}, undefined, /password/],
        [{ password: '' }, undefined, /body\.password/],
        [{ password: 42 }, undefined, /body\.password must be string/],
        [{ password: 'x'.repeat(257) }, undefined, /body\.password/],
        [undefined, '{"password":', /JSON|Unexpected|body/i],
      ];
      for (const [body, raw, message] of cases) {
        const res = await deleteMe(user.token, body, raw);
        assertError(res, 400, 'BAD_REQUEST');
        assert.match(res.body.message, message, JSON.stringify(body ?? raw));
      }
      assertError(await deleteMe(undefined, { password: user.password }), 401, 'UNAUTHORIZED');
      assertError(await deleteMe('not.a.token', { password: user.password }), 401, 'UNAUTHORIZED');
      assert.equal((await me(user.token)).status, 200);
    });

    test('an administrator cannot delete their own account this way (400); another administrator can', async () => {
      const res = await deleteMe(p().admin.token, { password: TEST_ADMIN.password });
      assertError(res, 400, 'BAD_REQUEST');
      assert.equal((await me(p().admin.token)).status, 200);
    });

    test('password confirmations are throttled per user: 429 with Retry-After, nothing deleted', async () => {
      const strict = await p().start({ LOGIN_RATE_PER_MIN: '3' });
      const user = await signup(strict.api);
      const del = (password: string) =>
        strict.api.request('DELETE', '/api/users/me', { password }, { token: user.token });
      for (let i = 0; i < 3; i++) assert.equal((await del(`guess-${i}`)).status, 400);
      const limited = await del(user.password);
      assertError(limited, 429, 'TOO_MANY_REQUESTS');
      assert.ok(Number(limited.headers.get('retry-after')) >= 1);
      assert.equal((await strict.api.get('/api/users/me', { token: user.token })).status, 200);
    });

    test('export: my profile as a JSON attachment, never cached; rate limited per user', async () => {
      const user = await signup(p().api, { nickname: '내보내기' });
      const res = await p().api.get('/api/users/me/export', { token: user.token });
      assert.equal(res.status, 200, res.text);
      assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
      assert.match(
        res.headers.get('content-disposition') ?? '',
        /^attachment; filename="chat-profile-\d{4}-\d{2}-\d{2}\.json"$/,
      );
      assert.equal(res.headers.get('cache-control'), 'no-store');
      assert.deepEqual(Object.keys(res.body).sort(), ['exportedAt', 'profile']);
      assert.equal(res.body.profile.email, user.email);
      assert.equal(res.body.profile.nickname, '내보내기');
      assert.equal(res.body.profile.id, user.userId);
      assert.ok(!res.text.includes('password') && !res.text.includes('$argon2'), 'nothing of the credential');

      for (let i = 1; i < EXPORTS_PER_HOUR; i++) {
        assert.equal((await p().api.get('/api/users/me/export', { token: user.token })).status, 200);
      }
      const limited = await p().api.get('/api/users/me/export', { token: user.token });
      assertError(limited, 429, 'TOO_MANY_REQUESTS');
      assert.ok(Number(limited.headers.get('retry-after')) > 60, 'an hourly budget: minutes, not seconds');
      const other = await signup(p().api);
      assert.equal(
        (await p().api.get('/api/users/me/export', { token: other.token })).status,
        200,
        'per user',
      );
      assertError(await p().api.get('/api/users/me/export'), 401, 'UNAUTHORIZED');
    });
  },
  {
    env: { SERVICES: 'users,auth', EXPORT_RATE_PER_HOUR: String(EXPORTS_PER_HOUR) },
    transport: 'inject',
  },
);
