// The cache is a copy of auth's revocation state: a verifier that cannot trust it (lost its
// data, or unreachable) asks the source of truth, and refuses with 503 when that fails too.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Cache, createMemoryCache, isAppError } from '@chat/platform';
import { revocationKeys } from './claims.ts';
import { createDurableRevocations, type RevocationEntry, type RevocationStore } from './revocations.ts';
import { createTokenSigner } from './token-signer.ts';
import { createTokenVerifier } from './token-verifier.ts';

const SECRET = 'unit-test-secret-0123456789-0123456789';
const user = { userId: 7, email: 'lee@example.com', role: 'ROLE_USER' as const, sid: 'session-7' };

function memoryStore(): RevocationStore {
  const rows = new Map<string, RevocationEntry>();
  return {
    async save(e) {
      const old = rows.get(e.key);
      const value = String(Math.max(Number(old?.value ?? 0), Number(e.value)));
      rows.set(e.key, { ...e, value });
      return value;
    },
    async get(keys) {
      return keys.map((k) => rows.get(k)?.value ?? null);
    },
    async live() {
      return [...rows.values()].filter((e) => e.expiresAtMs > Date.now());
    },
  };
}

function setup() {
  const cache = createMemoryCache();
  const store = memoryStore();
  const cacheErrors: unknown[] = [];
  const revocations = createDurableRevocations({
    cache,
    store,
    accessTtlSec: 900,
    onCacheError: (err) => cacheErrors.push(err),
  });
  let fallbackCalls = 0;
  let cacheDown = false;
  const flaky: Cache = {
    ...cache,
    mget: (keys) => (cacheDown ? Promise.reject(new Error('Connection is closed.')) : cache.mget(keys)),
  };
  const verifier = createTokenVerifier({
    secret: SECRET,
    cache: flaky,
    fallback: (q) => {
      fallbackCalls += 1;
      return revocations.isRevoked(q);
    },
  });
  const signer = createTokenSigner({ secret: SECRET, accessTtlSec: 900, refreshTtlSec: 3600 });
  return {
    cache,
    revocations,
    verifier,
    signer,
    cacheErrors,
    fallbackCalls: () => fallbackCalls,
    setCacheDown: (down: boolean) => {
      cacheDown = down;
    },
  };
}

async function rejectsWith(promise: Promise<unknown>, status: number) {
  await assert.rejects(promise, (err: unknown) => isAppError(err) && err.status === status);
}

describe('token verifier when the cache cannot be trusted', () => {
  test('a cache that lost its data (no epoch): a revoked token stays refused, others pass', async () => {
    const f = setup();
    await f.revocations.rebuildCache();
    const revoked = await f.signer.signAccess(user);
    const live = await f.signer.signAccess({ ...user, sid: 'session-8' });
    await f.revocations.revokeSession(user.sid);
    await f.cache.del(revocationKeys.session(user.sid), revocationKeys.epoch); // Redis restarted empty

    await rejectsWith(f.verifier.verifyAccessToken(revoked.token), 401);
    assert.equal((await f.verifier.verifyAccessToken(live.token)).sid, 'session-8');
    assert.equal(f.fallbackCalls(), 2, 'asked the store, not the cache');

    assert.equal(await f.revocations.rebuildCache(), 1);
    await rejectsWith(f.verifier.verifyAccessToken(revoked.token), 401);
    assert.equal(f.fallbackCalls(), 2, 'the rebuilt cache answers again');
  });

  test('a cache that is down: the store answers; a store that fails too is 503, never a pass', async () => {
    const f = setup();
    await f.revocations.rebuildCache();
    const token = await f.signer.signAccess(user);
    await f.revocations.revokeToken(token.jti, token.exp);
    f.setCacheDown(true);
    await rejectsWith(f.verifier.verifyAccessToken(token.token), 401);

    const broken = createTokenVerifier({
      secret: SECRET,
      cache: { ...f.cache, mget: () => Promise.reject(new Error('down')) },
      fallback: () => Promise.reject(new Error('auth unreachable')),
    });
    await rejectsWith(broken.verifyAccessToken((await f.signer.signAccess(user)).token), 503);
  });

  test('a failed cache write is reported, the store keeps the revocation', async () => {
    const f = setup();
    const failing: Cache = { ...f.cache, set: () => Promise.reject(new Error('Connection is closed.')) };
    const errors: unknown[] = [];
    const revocations = createDurableRevocations({
      cache: failing,
      store: memoryStore(),
      accessTtlSec: 900,
      onCacheError: (err) => errors.push(err),
    });
    await revocations.revokeUser(7, Date.now());
    assert.equal(errors.length, 1);
    assert.equal(
      await revocations.isRevoked({ userId: 7, jti: 'j', sid: 's', iat: Math.floor(Date.now() / 1000) - 5 }),
      true,
    );
  });
});
