import type { Cache } from '@chat/platform';
import { isRevokedBy, type RevocationQuery, revocationKeys } from './claims.ts';

/** One revocation as stored: a `revocationKeys` key, its value, and when it stops mattering. */
export interface RevocationEntry {
  readonly key: string;
  readonly value: string;
  /** Epoch millis; after it every token the entry covers has expired on its own. */
  readonly expiresAtMs: number;
}

/** The durable copy of the revocation state (auth's database): the source of truth. */
export interface RevocationStore {
  /** Upserts; a user's "revoked before" stamp never moves back. Resolves with the value kept. */
  save(entry: RevocationEntry): Promise<string>;
  /** Values of the keys (null: not revoked or expired), in order. */
  get(keys: readonly string[]): Promise<(string | null)[]>;
  /** Every entry not expired yet. */
  live(): Promise<RevocationEntry[]>;
}

export interface Revocations {
  /** Denylists one access token until its expiry (logout). */
  revokeToken(jti: string, expSec: number): Promise<void>;
  /** Every access token of a session stops working (logout, refresh-token reuse). */
  revokeSession(sid: string): Promise<void>;
  /** Every access token of the user issued up to `atMs` stops working (suspension, deletion). */
  revokeUser(userId: number, atMs: number): Promise<void>;
}

export interface DurableRevocations extends Revocations {
  /** Asks the store, not the cache: the answer when the cache cannot be trusted. */
  isRevoked(q: RevocationQuery): Promise<boolean>;
  /** Copies every live entry of the store into the cache, then writes the epoch sentinel. */
  rebuildCache(): Promise<number>;
}

interface RevocationsOptions {
  cache: Cache;
  accessTtlSec: number;
  now?: () => number;
}

/**
 * Writes the revocation state the verifier reads. Entries live as long as an access token can
 * (access TTL), after which every token they cover has expired on its own.
 */
export function createRevocations(opts: RevocationsOptions): Revocations {
  const now = opts.now ?? Date.now;
  return {
    revokeToken: (jti, expSec) => writeCache(opts.cache, tokenEntry(jti, expSec), now),
    revokeSession: (sid) => writeCache(opts.cache, sessionEntry(sid, now() + opts.accessTtlSec * 1000), now),
    async revokeUser(userId, atMs) {
      const key = revocationKeys.user(userId);
      // Never move the stamp back (an older event replayed after a newer one).
      const current = Number((await opts.cache.get(key)) ?? 0);
      const entry = {
        key,
        value: String(Math.max(current, atMs)),
        expiresAtMs: now() + opts.accessTtlSec * 1000,
      };
      await writeCache(opts.cache, entry, now);
    },
  };
}

/**
 * Revocations written to the store first (so they survive a cache loss), then to the cache.
 * A failed cache write is reported to `onCacheError` and not thrown: the store has it, and
 * the owner rebuilds the cache (see rebuildCache) once it is reachable again.
 */
export function createDurableRevocations(
  opts: RevocationsOptions & { store: RevocationStore; onCacheError: (err: unknown) => void },
): DurableRevocations {
  const now = opts.now ?? Date.now;
  const ttlMs = opts.accessTtlSec * 1000;
  async function write(entry: RevocationEntry): Promise<void> {
    if (entry.expiresAtMs <= now()) return;
    const value = await opts.store.save(entry);
    await writeCache(opts.cache, { ...entry, value }, now).catch(opts.onCacheError);
  }
  return {
    revokeToken: (jti, expSec) => write(tokenEntry(jti, expSec)),
    revokeSession: (sid) => write(sessionEntry(sid, now() + ttlMs)),
    revokeUser: (userId, atMs) =>
      write({ key: revocationKeys.user(userId), value: String(atMs), expiresAtMs: now() + ttlMs }),
    async isRevoked(q) {
      const [jti, sid, user] = await opts.store.get([
        revocationKeys.token(q.jti),
        revocationKeys.session(q.sid),
        revocationKeys.user(q.userId),
      ]);
      return isRevokedBy(q.iat, { jti: jti ?? null, sid: sid ?? null, user: user ?? null });
    },
    async rebuildCache() {
      const entries = await opts.store.live();
      for (let i = 0; i < entries.length; i += 200) {
        await Promise.all(entries.slice(i, i + 200).map((e) => writeCache(opts.cache, e, now)));
      }
      await opts.cache.set(revocationKeys.epoch, String(now()));
      return entries.length;
    },
  };
}

function tokenEntry(jti: string, expSec: number): RevocationEntry {
  // A second past the token's own expiry (clock skew between nodes).
  return { key: revocationKeys.token(jti), value: '1', expiresAtMs: expSec * 1000 + 1000 };
}

function sessionEntry(sid: string, expiresAtMs: number): RevocationEntry {
  return { key: revocationKeys.session(sid), value: '1', expiresAtMs };
}

async function writeCache(cache: Cache, entry: RevocationEntry, now: () => number): Promise<void> {
  const ttlMs = entry.expiresAtMs - now();
  if (ttlMs > 0) await cache.set(entry.key, entry.value, { ttlMs });
}
