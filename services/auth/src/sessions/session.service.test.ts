import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { isAppError } from '@chat/platform';
import { type AuthFixture, createAuthFixture } from '../../test/auth-fixture.ts';
import { hashToken } from './session.service.ts';

const is401 = (err: unknown) => isAppError(err) && err.status === 401;

describe('session service', () => {
  let f: AuthFixture;
  before(async () => {
    f = await createAuthFixture();
  });
  after(() => f.close());

  const newUser = (email: string) => f.users.client.createUser({ email, nickname: 'n' });

  test('open stores only the hash of the refresh token', async () => {
    const user = await newUser('store@example.com');
    const pair = await f.sessions.open(user, { userAgent: 'ua', clientIp: '10.0.0.1' });
    const { rows } = await f.db.query<{ token_hash: string }>('select token_hash from auth.refresh_tokens');
    assert.ok(rows.some((r) => r.token_hash === hashToken(pair.refreshToken)));
    const dump = JSON.stringify((await f.db.query('select * from auth.refresh_tokens')).rows);
    assert.ok(!dump.includes(pair.refreshToken), 'refresh token never stored in clear');
    assert.equal((await f.verifier.verifyAccessToken(pair.accessToken)).userId, user.id);
  });

  test('rotation gives a new pair; reusing the old refresh token revokes the whole session', async () => {
    const user = await newUser('rotate@example.com');
    const first = await f.sessions.open(user);
    const second = (await f.sessions.rotate(first.refreshToken)).tokens;
    assert.notEqual(second.refreshToken, first.refreshToken);
    await f.verifier.verifyAccessToken(second.accessToken);
    const third = (await f.sessions.rotate(second.refreshToken)).tokens;

    await assert.rejects(
      f.sessions.rotate(first.refreshToken),
      (e) => is401(e) && /already used/.test((e as Error).message),
    );
    await assert.rejects(
      f.sessions.rotate(third.refreshToken),
      is401,
      'the newest refresh token dies with the family',
    );
    for (const t of [first, second, third])
      await assert.rejects(f.verifier.verifyAccessToken(t.accessToken), is401);
  });

  test('two concurrent uses of one refresh token: exactly one succeeds', async () => {
    const user = await newUser('race@example.com');
    const pair = await f.sessions.open(user);
    const results = await Promise.allSettled([
      f.sessions.rotate(pair.refreshToken),
      f.sessions.rotate(pair.refreshToken),
    ]);
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
  });

  test('logout ends that session only', async () => {
    const user = await newUser('logout@example.com');
    const a = await f.sessions.open(user);
    const b = await f.sessions.open(user);
    await f.sessions.logout(await f.verifier.verifyAccessToken(a.accessToken));
    await assert.rejects(f.verifier.verifyAccessToken(a.accessToken), is401);
    await assert.rejects(f.sessions.rotate(a.refreshToken), is401);
    await f.verifier.verifyAccessToken(b.accessToken);
    await f.sessions.rotate(b.refreshToken);
  });

  test('refresh is refused once the user is not ACTIVE or gone, and the session ends', async () => {
    const user = await newUser('suspend@example.com');
    const pair = await f.sessions.open(user);
    f.users.byId.get(user.id)!.status = 'SUSPENDED';
    await assert.rejects(f.sessions.rotate(pair.refreshToken), is401);
    await assert.rejects(f.verifier.verifyAccessToken(pair.accessToken), is401);
    f.users.byId.get(user.id)!.status = 'ACTIVE';
    await assert.rejects(f.sessions.rotate(pair.refreshToken), is401, 'the session stays revoked');

    const gone = await newUser('gone@example.com');
    const other = await f.sessions.open(gone);
    await f.users.client.removeUser(gone.id);
    await assert.rejects(f.sessions.rotate(other.refreshToken), is401);
  });

  test('garbage, access tokens and unknown refresh tokens are 401', async () => {
    const user = await newUser('garbage@example.com');
    const pair = await f.sessions.open(user);
    for (const token of ['', 'x', pair.accessToken, `${pair.refreshToken}x`]) {
      await assert.rejects(f.sessions.rotate(token), is401, token.slice(0, 10));
    }
  });

  test('revokeUser ends every session and access token of the user', async () => {
    const user = await newUser('all@example.com');
    const a = await f.sessions.open(user);
    const b = await f.sessions.open(user);
    assert.equal(await f.sessions.revokeUser(user.id, Date.now(), 'test'), 2);
    for (const t of [a, b]) {
      await assert.rejects(f.verifier.verifyAccessToken(t.accessToken), is401);
      await assert.rejects(f.sessions.rotate(t.refreshToken), is401);
    }
  });
});
