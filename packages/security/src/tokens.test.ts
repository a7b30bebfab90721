import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Cache, createMemoryCache, isAppError } from '@chat/platform';
import { SignJWT, UnsecuredJWT } from 'jose';
import { createRevocations } from './revocations.ts';
import { createTokenSigner } from './token-signer.ts';
import { createTokenVerifier } from './token-verifier.ts';

const SECRET = 'unit-test-secret-0123456789-0123456789';
const user = { userId: 42, email: 'kim@example.com', role: 'ROLE_USER' as const, sid: 'session-1' };

function setup(now = () => Date.now()) {
  const cache = createMemoryCache();
  const calls = { mget: 0, get: 0 };
  const counted: Cache = {
    ...cache,
    mget: (keys) => {
      calls.mget += 1;
      return cache.mget(keys);
    },
    get: (key) => {
      calls.get += 1;
      return cache.get(key);
    },
  };
  const signer = createTokenSigner({ secret: SECRET, accessTtlSec: 900, refreshTtlSec: 3600, now });
  const verifier = createTokenVerifier({ secret: SECRET, cache: counted, now });
  const revocations = createRevocations({ cache, accessTtlSec: 900, now });
  return { signer, verifier, revocations, calls };
}

async function assert401(promise: Promise<unknown>, message?: RegExp) {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(isAppError(err), `expected an AppError, got ${String(err)}`);
    assert.equal(err.status, 401);
    if (message) assert.match(err.message, message);
    return true;
  });
}

const key = new TextEncoder().encode(SECRET);
const forge = (claims: Record<string, unknown>, alg = 'HS256', secret = key) =>
  new SignJWT(claims).setProtectedHeader({ alg }).sign(secret);
const validClaims = () => {
  const iat = Math.floor(Date.now() / 1000);
  return {
    sub: '42',
    email: 'kim@example.com',
    role: 'ROLE_USER',
    sid: 's',
    jti: 'j',
    typ: 'access',
    iat,
    exp: iat + 60,
  };
};

describe('access tokens', () => {
  test('sign then verify gives the principal, with one cache round trip', async () => {
    const { signer, verifier, calls } = setup();
    const signed = await signer.signAccess(user);
    const p = await verifier.verifyAccessToken(signed.token);
    assert.deepEqual(
      { userId: p.userId, email: p.email, role: p.role, sid: p.sid, jti: p.jti, exp: p.exp },
      { ...user, jti: signed.jti, exp: signed.exp },
    );
    assert.deepEqual(calls, { mget: 1, get: 0 });
  });

  test('the JWT carries sub as a string, email, role, jti, exp and typ=access (HS256)', async () => {
    const { signer } = setup();
    const { token } = await signer.signAccess(user);
    const [header, payload] = token
      .split('.')
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));
    assert.equal(header.alg, 'HS256');
    assert.equal(payload.sub, '42');
    assert.equal(payload.typ, 'access');
    for (const claim of ['email', 'role', 'jti', 'exp', 'iat', 'sid']) assert.ok(claim in payload, claim);
  });

  test('a refresh token is not an access token, and an access token is not a refresh token', async () => {
    const { signer, verifier } = setup();
    const refresh = await signer.signRefresh({ userId: 42, sid: 's' });
    await assert401(verifier.verifyAccessToken(refresh.token));
    const access = await signer.signAccess(user);
    await assert401(signer.verifyRefresh(access.token));
    assert.equal((await signer.verifyRefresh(refresh.token)).sid, 's');
  });

  test('bad signature, alg none, another algorithm, expired, garbage: all 401', async () => {
    const { signer, verifier } = setup();
    const good = (await signer.signAccess(user)).token;
    const [h, p] = good.split('.');
    await assert401(verifier.verifyAccessToken(`${h}.${p}.${'A'.repeat(43)}`));
    await assert401(
      verifier.verifyAccessToken(
        await forge(validClaims(), 'HS256', new TextEncoder().encode('other-secret-0123456789-0123456789')),
      ),
    );
    await assert401(verifier.verifyAccessToken(new UnsecuredJWT(validClaims()).encode()));
    const noneHeader = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    await assert401(verifier.verifyAccessToken(`${noneHeader}.${p}.`));
    await assert401(verifier.verifyAccessToken(await forge(validClaims(), 'HS512')));
    const past = setup(() => Date.now() - 3600_000);
    const expired = await past.signer.signAccess(user);
    await assert401(verifier.verifyAccessToken(expired.token));
    for (const garbage of ['', 'abc', 'a.b.c', '...', 'Bearer x', 'x'.repeat(10_000), good.slice(0, -1)]) {
      await assert401(verifier.verifyAccessToken(garbage));
    }
    assert.ok(
      await verifier.verifyAccessToken(await forge(validClaims())),
      'a forged token with the right key is fine',
    );
  });

  test('claims of the wrong shape are refused', async () => {
    const { verifier } = setup();
    for (const change of [
      { sub: 'abc' },
      { sub: '0' },
      { sub: '99999999999999999999' },
      { role: 'ROLE_ROOT' },
      { typ: undefined },
      { typ: 'refresh' },
      { sid: undefined },
      { email: 42 },
      { jti: undefined },
    ]) {
      await assert401(verifier.verifyAccessToken(await forge({ ...validClaims(), ...change })), undefined);
    }
  });
});

describe('revocation', () => {
  test('a denylisted jti fails, other tokens of the session still work', async () => {
    const { signer, verifier, revocations } = setup();
    const a = await signer.signAccess(user);
    const b = await signer.signAccess(user);
    await revocations.revokeToken(a.jti, a.exp);
    await assert401(verifier.verifyAccessToken(a.token), /revoked/);
    await verifier.verifyAccessToken(b.token);
  });

  test('a revoked session ends every access token of it, not those of other sessions', async () => {
    const { signer, verifier, revocations } = setup();
    const a = await signer.signAccess(user);
    const other = await signer.signAccess({ ...user, sid: 'session-2' });
    await revocations.revokeSession(user.sid);
    await assert401(verifier.verifyAccessToken(a.token), /revoked/);
    await verifier.verifyAccessToken(other.token);
  });

  test("a user's stamp ends tokens issued up to it; later tokens and other users work", async () => {
    let now = Date.now();
    const { signer, verifier, revocations } = setup(() => now);
    const before = await signer.signAccess(user);
    const otherUser = await signer.signAccess({ ...user, userId: 43 });
    await revocations.revokeUser(42, now);
    await assert401(verifier.verifyAccessToken(before.token), /revoked/);
    await verifier.verifyAccessToken(otherUser.token);
    now += 1000;
    const after = await signer.signAccess(user);
    await verifier.verifyAccessToken(after.token);
    await revocations.revokeUser(42, now - 5000);
    await verifier.verifyAccessToken(after.token);
  });
});
