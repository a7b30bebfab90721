// Account self-service in auth (issue 13): changing my password ends my other sessions; my
// sessions listed with their device and last use, and revoked one by one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Api, describeOnBackends, signup } from '@chat/testing';

const CHROME_LINUX =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const SAFARI_IOS =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

/** Logs in with a User-Agent; the login shape. */
async function loginAs(api: Api, email: string, password: string, userAgent: string) {
  const res = await api.post(
    '/api/auth/login',
    { email, password },
    { headers: { 'user-agent': userAgent } },
  );
  assert.equal(res.status, 200, res.text);
  return res.body as { token: string; refreshToken: string };
}

/** The contract's error body, with the status and code expected. */
function assertError(res: { status: number; body: Record<string, unknown> }, status: number, error: string) {
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.equal(res.body.error, error);
  assert.equal(res.body.status, status);
  for (const field of ['message', 'path', 'timestamp']) assert.equal(typeof res.body[field], 'string', field);
}

await describeOnBackends(
  'auth: my password and my sessions',
  (p) => {
    const me = (token: string) => p().api.get('/api/users/me', { token });
    const refresh = (refreshToken: string) => p().api.post('/api/auth/refresh', { refreshToken });
    const sessions = (token: string) => p().api.get('/api/auth/sessions', { token });
    const changePassword = (token: string | undefined, body: unknown) =>
      p().api.post('/api/auth/password', body, token ? { token } : {});

    test('change password: 204; other sessions end at once (access and refresh), this one keeps working', async () => {
      const user = await signup(p().api);
      const phone = await loginAs(p().api, user.email, user.password, SAFARI_IOS);
      const laptop = await loginAs(p().api, user.email, user.password, CHROME_LINUX);
      const newPassword = '새 비밀번호-new-password';

      const res = await changePassword(laptop.token, { currentPassword: user.password, newPassword });
      assert.equal(res.status, 204, res.text);

      assert.equal((await me(laptop.token)).status, 200, 'the session that changed it keeps working');
      assert.equal((await refresh(laptop.refreshToken)).status, 200);
      for (const other of [user, phone]) {
        assert.equal((await me(other.token)).status, 401, 'other access tokens fail at once');
        assert.equal((await refresh(other.refreshToken)).status, 401, 'other refresh tokens too');
      }
      const old = await p().api.post('/api/auth/login', { email: user.email, password: user.password });
      assert.equal(old.status, 401, 'the old password no longer logs in');
      assert.equal(
        (await p().api.post('/api/auth/login', { email: user.email, password: newPassword })).status,
        200,
      );
    });

    test('change password: wrong current password is 400 naming the field and changes nothing', async () => {
      const user = await signup(p().api);
      const other = await loginAs(p().api, user.email, user.password, CHROME_LINUX);
      const res = await changePassword(user.token, {
        currentPassword: 'not-my-password',
        newPassword: 'whatever-123',
      });
      assertError(res, 400, 'BAD_REQUEST');
      assert.match(res.body.message, /body\.currentPassword/);
      assert.equal((await me(other.token)).status, 200, 'no session ended');
      assert.equal((await me(user.token)).status, 200, 'not signed out either');
      assert.equal(
        (await p().api.post('/api/auth/login', { email: user.email, password: user.password })).status,
        200,
        'the password is unchanged',
      );
    });

    test('change password: weak or malformed new passwords, missing fields, no token: the contract error, nothing changes', async () => {
      const user = await signup(p().api);
      const current = user.password;
      const cases: [unknown, RegExp][] = [
        [{ currentPassword: current, newPassword: 'short' }, /body\.newPassword must NOT have fewer than 8/],
        [
          { currentPassword: current, newPassword: 'x'.repeat(73) },
          /body\.newPassword must NOT have more than 72/,
        ],
        [
          { currentPassword: current, newPassword: '가'.repeat(25) },
          /body\.newPassword must NOT be longer than 72 bytes/,
        ],
        [{ currentPassword: current, newPassword: current }, /body\.newPassword must differ/],
        [{ currentPassword: current }, /newPassword/],
        [{ newPassword: 'long-enough-1' }, /currentPassword/],
        [{ currentPassword: current, newPassword: 'abcdefgh\ud800' }, /body\.newPassword/],
        [{ currentPassword: 'a\u0000b', newPassword: 'long-enough-1' }, /body\.currentPassword/],
        [{ currentPassword: current, newPassword: 12345678 }, /body\.newPassword must be string/],
        [{ currentPassword: '', newPassword: 'long-enough-1' }, /body\.currentPassword/],
      ];
      for (const [body, message] of cases) {
        const res = await changePassword(user.token, body);
        assertError(res, 400, 'BAD_REQUEST');
        assert.match(res.body.message, message, JSON.stringify(body));
      }
      const notJson = await p().api.post('/api/auth/password', undefined, {
        token: user.token,
        raw: '{"currentPassword":',
      });
      assertError(notJson, 400, 'BAD_REQUEST');
      assertError(
        await changePassword(undefined, { currentPassword: current, newPassword: 'long-enough-1' }),
        401,
        'UNAUTHORIZED',
      );
      assert.equal(
        (await p().api.post('/api/auth/login', { email: user.email, password: current })).status,
        200,
        'the password is unchanged',
      );
    });

    test('change password: guessing the current one is throttled per user (429 with Retry-After)', async () => {
      const strict = await p().start({ LOGIN_RATE_PER_MIN: '5' });
      const user = await signup(strict.api);
      const guess = (currentPassword: string) =>
        strict.api.post(
          '/api/auth/password',
          { currentPassword, newPassword: 'long-enough-1' },
          { token: user.token },
        );
      for (let i = 0; i < 5; i++) assert.equal((await guess(`guess-${i}`)).status, 400);
      const limited = await guess('guess-5');
      assertError(limited, 429, 'TOO_MANY_REQUESTS');
      assert.ok(Number(limited.headers.get('retry-after')) >= 1);
      assert.equal(
        (await guess(user.password)).status,
        429,
        'the right password waits too: no oracle while throttled',
      );
      assert.equal(
        (await strict.api.get('/api/users/me', { token: user.token })).status,
        200,
        'still signed in',
      );
    });

    test('sessions: each with device, times and `current`; lastUsedAt moves on refresh', async () => {
      const user = await signup(p().api);
      const phone = await loginAs(p().api, user.email, user.password, SAFARI_IOS);
      const laptop = await loginAs(p().api, user.email, user.password, CHROME_LINUX);
      const res = await sessions(laptop.token);
      assert.equal(res.status, 200);
      assert.equal(res.body.length, 3);
      const mine = res.body.find((s: { current: boolean }) => s.current);
      assert.equal(mine.device, 'Chrome on Linux');
      assert.equal(res.body.filter((s: { current: boolean }) => s.current).length, 1);
      assert.ok(res.body.some((s: { device: string }) => s.device === 'Safari on iOS'));
      for (const s of res.body) {
        assert.match(s.id, /^[0-9a-f-]{36}$/);
        assert.ok(!Number.isNaN(Date.parse(s.createdAt)) && !Number.isNaN(Date.parse(s.lastUsedAt)));
        assert.deepEqual(Object.keys(s).sort(), ['createdAt', 'current', 'device', 'id', 'lastUsedAt']);
      }
      const phoneSession = res.body.find((s: { device: string }) => s.device === 'Safari on iOS');
      await new Promise((r) => setTimeout(r, 20));
      const rotated = await refresh(phone.refreshToken);
      assert.equal(rotated.status, 200);
      const after = (await sessions(rotated.body.token)).body;
      const phoneAfter = after.find((s: { id: string }) => s.id === phoneSession.id);
      assert.ok(phoneAfter.current, 'a refreshed token is still the same session');
      assert.ok(Date.parse(phoneAfter.lastUsedAt) > Date.parse(phoneSession.lastUsedAt), 'lastUsedAt moved');
      assert.equal(phoneAfter.createdAt, phoneSession.createdAt);
      assert.equal(after[0].id, phoneSession.id, 'most recently used first');
    });

    test('revoke a session: 204, its tokens fail at once and it leaves the list; others keep working', async () => {
      const user = await signup(p().api);
      const phone = await loginAs(p().api, user.email, user.password, SAFARI_IOS);
      const laptop = await loginAs(p().api, user.email, user.password, CHROME_LINUX);
      const phoneId = (await sessions(phone.token)).body.find((s: { current: boolean }) => s.current).id;
      const res = await p().api.delete(`/api/auth/sessions/${phoneId}`, { token: laptop.token });
      assert.equal(res.status, 204, res.text);
      assert.equal((await me(phone.token)).status, 401);
      assert.equal((await refresh(phone.refreshToken)).status, 401);
      assert.equal((await me(laptop.token)).status, 200);
      assert.equal((await me(user.token)).status, 200);
      const left = (await sessions(laptop.token)).body.map((s: { id: string }) => s.id);
      assert.equal(left.length, 2);
      assert.ok(!left.includes(phoneId));
      assertError(
        await p().api.delete(`/api/auth/sessions/${phoneId}`, { token: laptop.token }),
        404,
        'NOT_FOUND',
      );
    });

    test("revoking my own current session is a logout; someone else's session is 404 and keeps working", async () => {
      const alice = await signup(p().api);
      const bob = await signup(p().api);
      const bobId = (await sessions(bob.token)).body[0].id;
      const foreign = await p().api.delete(`/api/auth/sessions/${bobId}`, { token: alice.token });
      assertError(foreign, 404, 'NOT_FOUND');
      const unknown = await p().api.delete('/api/auth/sessions/00000000-0000-4000-8000-000000000000', {
        token: alice.token,
      });
      assert.equal(unknown.body.message, foreign.body.message, 'not told apart from an unknown id');
      assert.equal((await me(bob.token)).status, 200, "Bob's session untouched");

      const mine = (await sessions(alice.token)).body[0].id;
      assert.equal((await p().api.delete(`/api/auth/sessions/${mine}`, { token: alice.token })).status, 204);
      assert.equal((await me(alice.token)).status, 401);
    });

    test('sessions: malformed ids are 400, no token is 401, never a 500', async () => {
      const user = await signup(p().api);
      for (const id of [
        '1',
        'abc',
        '00000000-0000-4000-8000-00000000000g',
        `${'0'.repeat(36)}`,
        '%27%20or%201%3D1',
        'x'.repeat(150),
      ]) {
        const res = await p().api.delete(`/api/auth/sessions/${id}`, { token: user.token });
        assertError(res, 400, 'BAD_REQUEST');
        assert.match(res.body.message, /params\.id/);
      }
      assertError(await p().api.get('/api/auth/sessions'), 401, 'UNAUTHORIZED');
      assertError(
        await p().api.delete('/api/auth/sessions/00000000-0000-4000-8000-000000000000'),
        401,
        'UNAUTHORIZED',
      );
      assert.equal((await me(user.token)).status, 200);
    });
  },
  { env: { SERVICES: 'users,auth' }, transport: 'inject' },
);
