import type { Cache } from '@chat/platform';
import { revocationKeys } from './claims.ts';

export interface Revocations {
  /** Denylists one access token until its expiry (logout). */
  revokeToken(jti: string, expSec: number): Promise<void>;
  /** Every access token of a session stops working (logout, refresh-token reuse). */
  revokeSession(sid: string): Promise<void>;
  /** Every access token of the user issued up to `atMs` stops working (suspension, deletion). */
  revokeUser(userId: number, atMs: number): Promise<void>;
}

/**
 * Writes the revocation state the verifier reads. Entries live as long as an access token can
 * (access TTL), after which every token they cover has expired on its own.
 */
export function createRevocations(opts: {
  cache: Cache;
  accessTtlSec: number;
  now?: () => number;
}): Revocations {
  const now = opts.now ?? Date.now;
  const ttlMs = opts.accessTtlSec * 1000;
  return {
    async revokeToken(jti, expSec) {
      const remaining = expSec * 1000 - now();
      if (remaining > 0) await opts.cache.set(revocationKeys.token(jti), '1', { ttlMs: remaining + 1000 });
    },
    async revokeSession(sid) {
      await opts.cache.set(revocationKeys.session(sid), '1', { ttlMs });
    },
    async revokeUser(userId, atMs) {
      const key = revocationKeys.user(userId);
      // Never move the stamp back (an older event replayed after a newer one).
      const current = Number((await opts.cache.get(key)) ?? 0);
      await opts.cache.set(key, String(Math.max(current, atMs)), { ttlMs });
    },
  };
}
