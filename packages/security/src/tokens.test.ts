import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, test } from 'node:test';
import { type Cache, createMemoryCache, isAppError } from '@chat/platform';
import { jwtVerify, SignJWT, UnsecuredJWT } from 'jose';
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

const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');
/** A token over exactly these parts, correctly HMAC-signed with SECRET: only the other checks can fail it. */
const signedRaw = (header: string, payload: string) => {
  const sig = createHmac('sha256', SECRET).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${sig}`;
};
const signedWith = (header: Record<string, unknown>, claims: Record<string, unknown> = validClaims()) =>
  signedRaw(b64url(JSON.stringify(header)), b64url(JSON.stringify(claims)));
const HS256 = { alg: 'HS256', typ: 'JWT' };

describe('HS256 verification', () => {
  test('the raw-signing helper makes tokens the verifier accepts (so the refusals below are real)', async () => {
    const { verifier } = setup();
    assert.equal((await verifier.verifyAccessToken(signedWith(HS256))).userId, 42);
    assert.equal((await verifier.verifyAccessToken(signedWith({ alg: 'HS256' }))).userId, 42);
  });

  test('alg none is refused, signed or not', async () => {
    const { verifier } = setup();
    await assert401(verifier.verifyAccessToken(new UnsecuredJWT(validClaims()).encode()));
    await assert401(verifier.verifyAccessToken(signedWith({ alg: 'none', typ: 'JWT' })));
    const unsigned = signedWith({ alg: 'none' }).split('.').slice(0, 2).join('.');
    await assert401(verifier.verifyAccessToken(`${unsigned}.`));
  });

  test('any other alg (HS512, RS256, hs256, missing, not a string) is refused even with a valid HMAC', async () => {
    const { verifier } = setup();
    await assert401(verifier.verifyAccessToken(await forge(validClaims(), 'HS512')));
    for (const alg of ['HS512', 'RS256', 'ES256', 'hs256', 'HS256 ', '', undefined, null, ['HS256'], 256]) {
      await assert401(verifier.verifyAccessToken(signedWith({ alg, typ: 'JWT' })), undefined);
    }
  });

  test('a header that is not a JSON object, or carries crit, is refused', async () => {
    const { verifier } = setup();
    for (const crit of [['b64'], ['exp'], [], 'b64', null]) {
      await assert401(verifier.verifyAccessToken(signedWith({ ...HS256, crit, b64: true })));
    }
    const claims = b64url(JSON.stringify(validClaims()));
    for (const header of ['[]', '"HS256"', 'null', '{"alg":"HS256"', '']) {
      await assert401(verifier.verifyAccessToken(signedRaw(b64url(header), claims)), undefined);
    }
  });

  test('a tampered header, payload or signature is refused', async () => {
    const { signer, verifier } = setup();
    const [h, p, sig] = (await signer.signAccess(user)).token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    const admin = b64url(JSON.stringify({ ...claims, role: 'ROLE_ADMIN' }));
    await assert401(verifier.verifyAccessToken(`${h}.${admin}.${sig}`));
    await assert401(verifier.verifyAccessToken(`${b64url('{"alg":"HS256", "typ":"JWT"}')}.${p}.${sig}`));
    const flipped = Buffer.from(sig, 'base64url');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    await assert401(verifier.verifyAccessToken(`${h}.${p}.${b64url(flipped)}`));
    await assert401(
      verifier.verifyAccessToken(`${h}.${p}.${b64url(Buffer.concat([flipped, Buffer.of(0)]))}`),
    );
    await assert401(verifier.verifyAccessToken(`${h}.${p}.${sig.slice(0, 42)}`));
    await assert401(verifier.verifyAccessToken(`${h}.${p}.${sig}.${sig}`));
    await assert401(verifier.verifyAccessToken(`${h}.${p}`));
  });

  test('anything but strict base64url (padding, +, /, spaces, unused bits set) is refused', async () => {
    const { verifier } = setup();
    const h = b64url(JSON.stringify(HS256));
    const p = b64url(JSON.stringify(validClaims()));
    // Each is HMAC-signed over its exact text: a lenient decoder would accept it.
    for (const [header, payload] of [
      [`${h}=`, p],
      [`${h}==`, p],
      [h, `${p}=`],
      [` ${h}`, p],
      [h, `${p.slice(0, 10)} ${p.slice(10)}`],
      [h, `${p.slice(0, 10)}\n${p.slice(10)}`],
      // The base64url of {"alg":"HS256","typ":"???>>>"} holds "_" and "-": "/" and "+" stand in.
      [b64url(JSON.stringify({ alg: 'HS256', typ: '???>>>' })).replace('_', '/'), p],
      [b64url(JSON.stringify({ alg: 'HS256', typ: '???>>>' })).replace('-', '+'), p],
      [h, `${p}A`],
    ]) {
      await assert401(verifier.verifyAccessToken(signedRaw(header as string, payload as string)), undefined);
    }
    const good = signedRaw(h, p);
    const sig = good.split('.')[2] as string;
    // 43 characters carry 258 bits: changing the 2 unused bits of the last one leaves the same bytes.
    const last = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const sameBytes = `${sig.slice(0, 42)}${last[last.indexOf(sig.charAt(42)) ^ 1]}`;
    assert.deepEqual(Buffer.from(sameBytes, 'base64url'), Buffer.from(sig, 'base64url'));
    await assert401(verifier.verifyAccessToken(`${h}.${p}.${sameBytes}`));
    await assert401(verifier.verifyAccessToken(`${h}.${p}.${sig}=`));
    await assert401(verifier.verifyAccessToken(`${h}.${p}.${sig.replace(/-/g, '+').replace(/_/g, '/')}x`));
    assert.ok(await verifier.verifyAccessToken(good));
  });

  test('a payload that is not a JSON object in UTF-8 is refused', async () => {
    const { verifier } = setup();
    const h = b64url(JSON.stringify(HS256));
    const json = JSON.stringify(validClaims());
    const notUtf8 = Buffer.concat([Buffer.from(json.slice(0, -1)), Buffer.from(',"x":"\xff"}', 'latin1')]);
    for (const payload of [
      b64url('[]'),
      b64url('42'),
      b64url('null'),
      b64url(json.slice(0, -1)),
      b64url(notUtf8),
    ]) {
      await assert401(verifier.verifyAccessToken(signedRaw(h, payload)), undefined);
    }
  });

  test('exp: expired when exp <= now (in seconds); exp and iat must be numbers', async () => {
    const nowSec = Math.floor(Date.now() / 1000);
    const { verifier } = setup(() => nowSec * 1000 + 999);
    const at = (change: Record<string, unknown>) =>
      verifier.verifyAccessToken(signedWith(HS256, { ...validClaims(), iat: nowSec - 10, ...change }));
    await assert401(at({ exp: nowSec }));
    await assert401(at({ exp: nowSec - 1 }));
    assert.ok(await at({ exp: nowSec + 1 }));
    for (const change of [
      { exp: String(nowSec + 60) },
      { exp: null },
      { exp: undefined },
      { iat: String(nowSec) },
      { iat: undefined },
      { iat: null },
    ]) {
      await assert401(at({ exp: nowSec + 60, ...change }), undefined);
    }
    const infinite = signedRaw(
      b64url(JSON.stringify(HS256)),
      b64url(JSON.stringify({ ...validClaims(), exp: 0 }).replace('"exp":0', '"exp":1e999')),
    );
    await assert401(verifier.verifyAccessToken(infinite));
  });

  test('nbf: refused while in the future or when not a number, fine once reached', async () => {
    const nowSec = Math.floor(Date.now() / 1000);
    const { verifier } = setup(() => nowSec * 1000);
    const withNbf = (nbf: unknown) =>
      verifier.verifyAccessToken(signedWith(HS256, { ...validClaims(), iat: nowSec, exp: nowSec + 60, nbf }));
    await assert401(withNbf(nowSec + 1));
    await assert401(withNbf(String(nowSec)));
    await assert401(withNbf(null));
    assert.ok(await withNbf(nowSec));
    assert.ok(await withNbf(nowSec - 60));
  });

  test('a token signed by jose (as the old signer did) is accepted', async () => {
    const { verifier } = setup();
    const iat = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ email: user.email, role: user.role, sid: user.sid, typ: 'access' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject('42')
      .setJti('jose-jti')
      .setIssuedAt(iat)
      .setExpirationTime(iat + 900)
      .sign(key);
    const p = await verifier.verifyAccessToken(token);
    assert.deepEqual(
      { userId: p.userId, email: p.email, role: p.role, sid: p.sid, jti: p.jti, iat: p.iat, exp: p.exp },
      { ...user, jti: 'jose-jti', iat, exp: iat + 900 },
    );
  });

  test('new tokens are byte-identical to what jose signed, and jose verifies them', async () => {
    const { signer } = setup();
    for (const [typ, signed, extra] of [
      ['access', await signer.signAccess(user), { email: user.email, role: user.role, sid: user.sid }],
      ['refresh', await signer.signRefresh({ userId: 42, sid: 's' }), { sid: 's' }],
    ] as const) {
      const { payload, protectedHeader } = await jwtVerify(signed.token, key, {
        algorithms: ['HS256'],
        requiredClaims: ['sub', 'jti', 'iat', 'exp'],
      });
      assert.deepEqual(protectedHeader, { alg: 'HS256', typ: 'JWT' });
      assert.deepEqual(payload, {
        ...extra,
        typ,
        sub: '42',
        jti: signed.jti,
        iat: payload.iat,
        exp: signed.exp,
      });
      const viaJose = await new SignJWT({ ...extra, typ })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject('42')
        .setJti(signed.jti)
        .setIssuedAt(payload.iat as number)
        .setExpirationTime(signed.exp)
        .sign(key);
      assert.equal(signed.token, viaJose);
    }
  });

  test('without a secret: building works, signing and verifying reject', async () => {
    const signer = createTokenSigner({ secret: undefined, accessTtlSec: 900, refreshTtlSec: 3600 });
    const verifier = createTokenVerifier({ secret: '', cache: createMemoryCache() });
    const token = (await setup().signer.signAccess(user)).token;
    await assert.rejects(signer.signAccess(user), /JWT secret is not configured/);
    await assert.rejects(signer.verifyRefresh(token), /JWT secret is not configured/);
    await assert.rejects(verifier.verifyAccessToken(token), /JWT secret is not configured/);
  });
});
