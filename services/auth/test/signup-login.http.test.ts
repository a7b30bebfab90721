import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildUser, describeOnBackends, signup } from '@chat/testing';

await describeOnBackends(
  'auth: signup and login over HTTP',
  (p) => {
    test('signup: 201 with the login shape; unknown fields ignored; never an admin by signup', async () => {
      const input = buildUser({ email: 'Mixed.Case@Example.com', nickname: '김철수 😀👩‍👩‍👧' });
      const res = await p().api.post('/api/auth/signup', {
        ...input,
        role: 'ROLE_ADMIN',
        status: 'SUSPENDED',
        id: 1,
      });
      assert.equal(res.status, 201);
      assert.deepEqual(
        Object.keys(res.body).sort(),
        ['email', 'expiresIn', 'nickname', 'refreshToken', 'role', 'token', 'tokenType', 'userId'].sort(),
      );
      assert.equal(res.body.email, 'Mixed.Case@Example.com');
      assert.equal(res.body.nickname, '김철수 😀👩‍👩‍👧', 'Korean and emoji round-trip');
      assert.equal(res.body.role, 'ROLE_USER');
      assert.equal(res.body.tokenType, 'Bearer');
      assert.ok(Number.isInteger(res.body.userId) && res.body.userId > 0);
      const me = await p().api.get('/api/users/me', { token: res.body.token });
      assert.equal(me.status, 200);
      assert.equal(me.body.nickname, '김철수 😀👩‍👩‍👧');
      assert.equal(me.body.role, 'ROLE_USER');
      assert.equal(me.body.status, 'ACTIVE');
    });

    test('signup validation: 400 naming the field', async () => {
      const cases: [Record<string, unknown>, RegExp][] = [
        [{ email: undefined }, /body\.email is required/],
        [{ email: 'not-an-email' }, /body\.email/],
        [{ email: `${'a'.repeat(250)}@example.com` }, /body\.email/],
        [{ email: 42 }, /body\.email/],
        [{ password: undefined }, /body\.password is required/],
        [{ password: 'short' }, /body\.password/],
        [{ password: 'a'.repeat(73) }, /body\.password/],
        [{ password: '가'.repeat(25) }, /body\.password .*72 bytes/],
        [{ password: 'é'.repeat(37) }, /body\.password .*72 bytes/],
        [{ password: 12345678 }, /body\.password/],
        [{ nickname: undefined }, /body\.nickname is required/],
        [{ nickname: '' }, /body\.nickname/],
        [{ nickname: '   ' }, /body\.nickname/],
        [{ nickname: 'a\nb' }, /body\.nickname/],
        [{ nickname: '😀'.repeat(31) }, /body\.nickname/],
        [{ nickname: 'x'.repeat(31) }, /body\.nickname/],
        [{ nickname: null }, /body\.nickname/],
      ];
      for (const [change, message] of cases) {
        const res = await p().api.post('/api/auth/signup', { ...buildUser(), ...change });
        assert.equal(res.status, 400, `${JSON.stringify(change).slice(0, 60)} -> ${res.text}`);
        assert.equal(res.body.error, 'BAD_REQUEST');
        assert.match(res.body.message, message);
        assert.equal(res.body.path, '/api/auth/signup');
      }
      for (const raw of ['', 'not json', '[]', '"text"', 'null', '{"email":']) {
        const res = await p().api.post('/api/auth/signup', undefined, { raw });
        assert.equal(res.status, 400, `raw ${raw}: ${res.text}`);
      }
      const text = await p().api.post('/api/auth/signup', undefined, {
        raw: 'x',
        headers: { 'content-type': 'text/plain' },
      });
      assert.ok([400, 415].includes(text.status), text.text);
      const edge = await p().api.post(
        '/api/auth/signup',
        buildUser({ nickname: '😀'.repeat(30), password: '가'.repeat(24) }),
      );
      assert.equal(edge.status, 201, 'limits count code points; 24 Hangul = 72 bytes');
    });

    test('413 for bodies over the limit, never a 500', async () => {
      const big = await p().api.post('/api/auth/signup', { ...buildUser(), padding: 'x'.repeat(20_000) });
      assert.equal(big.status, 413);
      assert.equal(big.body.error, 'PAYLOAD_TOO_LARGE');
      const huge = await p().api.post('/api/auth/login', {
        email: 'a@example.com',
        password: 'x'.repeat(2_000_000),
      });
      assert.equal(huge.status, 413);
    });

    test('409 for a taken email, case-insensitively, and exactly one winner under concurrent signups', async () => {
      const first = await signup(p().api);
      const dup = await p().api.post('/api/auth/signup', buildUser({ email: first.email.toUpperCase() }));
      assert.equal(dup.status, 409);
      assert.equal(dup.body.error, 'CONFLICT');
      const email = buildUser().email;
      const variants = [
        email,
        email.toUpperCase(),
        email.replace('user', 'USER'),
        email,
        email.toUpperCase(),
        email,
      ];
      const results = await Promise.all(
        variants.map((e) => p().api.post('/api/auth/signup', buildUser({ email: e }))),
      );
      assert.deepEqual(results.map((r) => r.status).sort(), [201, 409, 409, 409, 409, 409]);
    });

    test('login: the login shape, email case-insensitive; the same 401 for unknown email and wrong password', async () => {
      const user = await signup(p().api);
      const ok = await p().api.post('/api/auth/login', {
        email: user.email.toUpperCase(),
        password: user.password,
      });
      assert.equal(ok.status, 200);
      assert.equal(ok.body.userId, user.userId);
      assert.equal(ok.body.email, user.email);
      assert.ok(ok.body.token && ok.body.refreshToken);
      const wrong = await p().api.post('/api/auth/login', {
        email: user.email,
        password: `${user.password}x`,
      });
      const unknown = await p().api.post('/api/auth/login', {
        email: `nobody-${user.email}`,
        password: user.password,
      });
      assert.equal(wrong.status, 401);
      assert.equal(unknown.status, 401);
      assert.equal(wrong.body.message, unknown.body.message);
      assert.equal(wrong.body.error, 'UNAUTHORIZED');
      const missing = await p().api.post('/api/auth/login', { email: user.email });
      assert.equal(missing.status, 400);
      assert.match(missing.body.message, /body\.password/);
    });

    test('no response carries a password hash: its own account reads, and every earlier one', async () => {
      const api = p().api;
      const from = api.seen.length;
      const user = await signup(api);
      const responses = [
        await api.post('/api/auth/login', { email: user.email, password: user.password }),
        await api.post('/api/auth/refresh', { refreshToken: user.refreshToken }),
        await api.get('/api/users/me', { token: user.token }),
        await api.get(`/api/users/${user.userId}`, { token: user.token }),
        await api.get(`/api/users?query=${encodeURIComponent(user.email)}`, { token: p().admin.token }),
      ];
      for (const res of responses) assert.equal(res.status, 200, res.text);
      const own = api.seen.slice(from);
      assert.equal(own.length, 1 + responses.length, 'its signup and reads were seen');
      assert.ok(
        own.every((text) => text.includes(String(user.userId))),
        'each response is about the new account',
      );
      for (const text of api.seen) assert.doesNotMatch(text, /\$argon2|\$2[aby]\$/);
    });
  },
  { env: { SERVICES: 'users,auth' }, transport: 'inject' },
);
