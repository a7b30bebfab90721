import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeOnBackends, eventually, login, signup, TEST_ADMIN } from '@chat/testing';
import bcrypt from 'bcryptjs';
import { SPRING_BCRYPT_VECTORS } from '../src/credentials/bcrypt-vectors.fixture.ts';

/** Tokens carry whole-second `iat`; a login right after a reactivation waits for the next second. */
const nextSecond = () => new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 20));

await describeOnBackends(
  'auth: account lifecycle over HTTP',
  (p) => {
    const me = (token: string) => p().api.get('/api/users/me', { token });
    const setStatus = (id: number, status: string) =>
      p().api.patch(`/api/users/${id}/status`, { status }, { token: p().admin.token });
    const liveSessions = async (userId: number) =>
      (
        await p().server.server.infra.db.query<{ n: number }>(
          'select count(*)::int as n from auth.sessions where user_id = $1 and revoked_at is null',
          [userId],
        )
      ).rows[0]!.n;

    test('a suspended user: tokens fail at once, refresh 401, login 403, sessions revoked; reactivation restores login', async () => {
      const user = await signup(p().api);
      const second = await login(p().api, user.email, user.password);
      const res = await setStatus(user.userId, 'SUSPENDED');
      assert.equal(res.status, 200);
      assert.equal(res.body.status, 'SUSPENDED');
      assert.equal(res.body.email, undefined, "the admin's answer carries no email");
      assert.equal((await me(user.token)).status, 401);
      assert.equal((await me(second.token)).status, 401);
      assert.equal(
        (await p().api.post('/api/auth/refresh', { refreshToken: second.refreshToken })).status,
        401,
      );
      const refused = await p().api.post('/api/auth/login', { email: user.email, password: user.password });
      assert.equal(refused.status, 403);
      const wrong = await p().api.post('/api/auth/login', { email: user.email, password: 'wrong-password' });
      assert.equal(wrong.status, 401, 'a wrong password does not reveal the status');
      await eventually(async () => (await liveSessions(user.userId)) === 0);

      assert.equal((await setStatus(user.userId, 'ACTIVE')).status, 200);
      await nextSecond();
      const back = await login(p().api, user.email, user.password);
      assert.equal((await me(back.token)).status, 200);
      assert.equal((await me(user.token)).status, 401, 'old tokens stay dead');
    });

    test('INACTIVE counts as not active too', async () => {
      const user = await signup(p().api);
      assert.equal((await setStatus(user.userId, 'INACTIVE')).status, 200);
      assert.equal((await me(user.token)).status, 401);
      assert.equal(
        (await p().api.post('/api/auth/login', { email: user.email, password: user.password })).status,
        403,
      );
    });

    test('a deleted user: tokens fail, login is 401 like an unknown email, the credential is removed', async () => {
      const user = await signup(p().api);
      const del = await p().api.delete(`/api/users/${user.userId}`, { token: p().admin.token });
      assert.equal(del.status, 204);
      assert.equal((await me(user.token)).status, 401);
      assert.equal(
        (await p().api.post('/api/auth/refresh', { refreshToken: user.refreshToken })).status,
        401,
      );
      const again = await p().api.post('/api/auth/login', { email: user.email, password: user.password });
      assert.equal(again.status, 401);
      assert.equal(again.body.message, 'Invalid email or password');
      assert.equal((await p().api.get(`/api/users/${user.userId}`, { token: p().admin.token })).status, 404);
      const db = p().server.server.infra.db;
      await eventually(async () => {
        const { rows } = await db.query('select 1 from auth.credentials where user_id = $1', [user.userId]);
        return rows.length === 0;
      });
      assert.equal(
        (await p().api.delete(`/api/users/${user.userId}`, { token: p().admin.token })).status,
        404,
      );
      assert.equal(
        (
          await p().api.post('/api/auth/signup', {
            email: user.email,
            password: user.password,
            nickname: 'again',
          })
        ).status,
        201,
        'the email is free again',
      );
    });

    test('bcrypt hashes imported into auth.credentials log in: bcryptjs cost 10 and Spring $2a$10$', async () => {
      const db = p().server.server.infra.db;
      const imported = await signup(p().api);
      await db.query('update auth.credentials set password_hash = $2 where user_id = $1', [
        imported.userId,
        await bcrypt.hash('from-bcryptjs-10', 10),
      ]);
      assert.equal((await login(p().api, imported.email, 'from-bcryptjs-10')).userId, imported.userId);
      const [password, hash] = SPRING_BCRYPT_VECTORS[1];
      const spring = await signup(p().api);
      await db.query('update auth.credentials set password_hash = $2 where user_id = $1', [
        spring.userId,
        hash,
      ]);
      assert.equal(
        (await p().api.post('/api/auth/login', { email: spring.email, password: 'wrong-password' })).status,
        401,
      );
      assert.equal((await login(p().api, spring.email, password)).userId, spring.userId);
      const { rows } = await db.query<{ password_hash: string }>(
        'select password_hash from auth.credentials where user_id = $1',
        [spring.userId],
      );
      assert.match(rows[0]!.password_hash, /^\$argon2id\$/, 'upgraded on login');
      assert.equal((await login(p().api, spring.email, password)).userId, spring.userId);
    });

    test('the administrator from configuration exists, and starting again with it changes nothing', async () => {
      const first = await login(p().api, TEST_ADMIN.email, TEST_ADMIN.password);
      assert.equal(first.role, 'ROLE_ADMIN');
      if (p().kind === 'embedded') return; // a second embedded server has its own data: see admin-bootstrap.test.ts
      const again = await p().start();
      const second = await login(again.api, TEST_ADMIN.email, TEST_ADMIN.password);
      assert.equal(second.userId, first.userId);
    });

    test('throttling: login per account and address and per address, signup per address: 429 + Retry-After', async () => {
      const limited = await p().start({ LOGIN_RATE_PER_MIN: '3' });
      const victim = await signup(limited.api);
      const attempt = (email: string, password = 'wrong-password') =>
        limited.api.post('/api/auth/login', { email, password });
      for (let i = 0; i < 3; i++) assert.equal((await attempt(victim.email)).status, 401);
      const blocked = await attempt(victim.email, victim.password);
      assert.equal(blocked.status, 429, 'the fourth attempt in the window, even with the right password');
      assert.equal(blocked.body.error, 'TOO_MANY_REQUESTS');
      assert.ok(Number(blocked.headers.get('retry-after')) >= 1);
      const elsewhere = await limited.server.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: victim.email, password: victim.password },
        remoteAddress: '198.51.100.4',
      });
      assert.equal(elsewhere.statusCode, 200, 'the owner, from another address, is not locked out');
      for (let i = 0; i < 12; i++) await attempt(`other${i}@example.com`);
      assert.equal((await attempt('fresh@example.com')).status, 429, 'per address (5x the account budget)');
      const signups = [];
      for (let i = 0; i < 3; i++)
        signups.push(
          (
            await limited.api.post('/api/auth/signup', {
              email: `s${i}-${victim.email}`,
              password: 'password-1',
              nickname: 's',
            })
          ).status,
        );
      assert.deepEqual(signups, [201, 201, 429], 'one signup was already used by the victim');
    });
  },
  { env: { SERVICES: 'users,auth' }, transport: 'inject' },
);
