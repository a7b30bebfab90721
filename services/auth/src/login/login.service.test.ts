import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AppError, isAppError } from '@chat/platform';
import bcrypt from 'bcryptjs';
import { type AuthFixture, createAuthFixture } from '../../test/auth-fixture.ts';
import { createSignupService } from '../signup/signup.service.ts';
import { createAuthThrottle } from '../throttle/auth-throttle.ts';
import { createLoginService } from './login.service.ts';

const status = (code: number, message?: RegExp) => (err: unknown) =>
  isAppError(err) && err.status === code && (!message || message.test(err.message));

describe('login and signup services', () => {
  let f: AuthFixture;
  let deps: Parameters<typeof createLoginService>[0];
  const meta = { clientIp: '10.1.1.1' };
  before(async () => {
    f = await createAuthFixture();
    deps = { ...f, users: f.users.client, throttle: createAuthThrottle(f.cache, 1000) };
  });
  after(() => f.close());

  test('signup then login; unknown email and wrong password get the same 401', async () => {
    const signup = createSignupService(deps);
    const login = createLoginService(deps);
    const created = await signup.signup(
      { email: 'Park@Example.com', password: 'password-1', nickname: '박' },
      meta,
    );
    assert.equal(created.role, 'ROLE_USER');
    const ok = await login.login({ email: 'park@example.COM', password: 'password-1' }, meta);
    assert.equal(ok.userId, created.userId);
    const errors: string[] = [];
    for (const attempt of [
      { email: 'park@example.com', password: 'password-2' },
      { email: 'nobody@example.com', password: 'password-1' },
    ]) {
      await assert.rejects(login.login(attempt, meta), (err) => {
        assert.ok(status(401)(err));
        errors.push((err as Error).message);
        return true;
      });
    }
    assert.equal(errors[0], errors[1]);
  });

  test('a suspended account: 403 only with the right password', async () => {
    const signup = createSignupService(deps);
    const login = createLoginService(deps);
    const user = await signup.signup(
      { email: 'susp@example.com', password: 'password-1', nickname: 's' },
      meta,
    );
    f.users.byId.get(user.userId)!.status = 'SUSPENDED';
    await assert.rejects(
      login.login({ email: 'susp@example.com', password: 'wrong-pass' }, meta),
      status(401),
    );
    await assert.rejects(
      login.login({ email: 'susp@example.com', password: 'password-1' }, meta),
      status(403),
    );
  });

  test('an imported bcrypt hash logs in and is upgraded to argon2id', async () => {
    const user = await f.users.client.createUser({ email: 'legacy@example.com', nickname: 'l' });
    await f.credentials.put(user.id, await bcrypt.hash('legacy-pass', 10));
    const login = createLoginService(deps);
    await login.login({ email: 'legacy@example.com', password: 'legacy-pass' }, meta);
    assert.match((await f.credentials.get(user.id))!, /^\$argon2id\$/);
    await login.login({ email: 'legacy@example.com', password: 'legacy-pass' }, meta);
  });

  test('signup compensates: when the credential cannot be stored the account is removed', async () => {
    const failing = { ...f.credentials, put: async () => Promise.reject(new Error('disk full')) };
    const signup = createSignupService({ ...deps, credentials: failing });
    await assert.rejects(
      signup.signup({ email: 'comp@example.com', password: 'password-1', nickname: 'c' }, meta),
      /disk full/,
    );
    assert.equal(await f.users.client.findByEmail('comp@example.com'), null);
  });

  test('passwords over 72 bytes are refused before anything is created', async () => {
    const signup = createSignupService(deps);
    await assert.rejects(
      signup.signup({ email: 'long@example.com', password: '가'.repeat(25), nickname: 'x' }, meta),
      status(400, /72 bytes/),
    );
    assert.equal(await f.users.client.findByEmail('long@example.com'), null);
  });

  test('login throttling: per account and address, with Retry-After; spraying from one address too', async () => {
    const throttled = { ...deps, throttle: createAuthThrottle(f.cache, 3) };
    const login = createLoginService(throttled);
    const attempt = (email: string, ip: string) =>
      login.login({ email, password: 'wrong-pass' }, { clientIp: ip });
    for (let i = 0; i < 3; i++) await assert.rejects(attempt('victim@example.com', '10.9.0.1'), status(401));
    await assert.rejects(attempt('victim@example.com', '10.9.0.1'), (err) => {
      assert.ok(err instanceof AppError && err.status === 429);
      assert.ok(Number(err.headers['retry-after']) >= 1);
      return true;
    });
    await assert.rejects(
      attempt('victim@example.com', '10.9.0.2'),
      status(401),
      'another address still gets an answer for that account',
    );
    for (let i = 0; i < 11; i++)
      await assert.rejects(attempt(`other${i}@example.com`, '10.9.0.3'), status(401));
    for (let i = 0; i < 4; i++)
      await assert.rejects(attempt(`more${i}@example.com`, '10.9.0.3'), status(401));
    await assert.rejects(
      attempt('fresh@example.com', '10.9.0.3'),
      status(429),
      'per address: 5x the per-account budget, over all accounts',
    );
  });

  test('20 wrong passwords from one address do not lock the owner out elsewhere', async () => {
    const signup = createSignupService(deps);
    const owner = { email: 'alice.owner@example.com', password: 'alice-password-1' };
    await signup.signup({ ...owner, nickname: 'alice' }, { clientIp: '10.7.0.9' });
    const login = createLoginService({ ...deps, throttle: createAuthThrottle(f.cache, 10) });
    const results: number[] = [];
    for (let i = 0; i < 20; i++) {
      const outcome = await login
        .login({ email: owner.email, password: `guess-${i}-pass` }, { clientIp: '203.0.113.7' })
        .catch((err: AppError) => err.status);
      results.push(outcome as number);
    }
    assert.deepEqual(results, [...Array(10).fill(401), ...Array(10).fill(429)], 'the attacker is throttled');
    const mine = await login.login(owner, { clientIp: '198.51.100.4' });
    assert.equal(mine.email, owner.email, 'the owner logs in from their own address');
  });
});
