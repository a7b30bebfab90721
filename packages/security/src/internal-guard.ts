import { createHash, timingSafeEqual } from 'node:crypto';
import { INTERNAL_TOKEN_HEADER } from '@chat/contracts';
import { type Cache, Errors } from '@chat/platform';
import type { preHandlerAsyncHookHandler } from 'fastify';

const digest = (value: string) => createHash('sha256').update(value).digest();

const WINDOW_MS = 60_000;

export interface InternalGuardThrottle {
  /** Shared cache, so the count holds across nodes. */
  readonly cache: Cache;
  /** Wrong tokens a client address may send per minute; then 429 (right token or not) until the window ends. */
  readonly failuresPerMin: number;
}

/**
 * Guards service-to-service routes (`/internal/...`): 401 unless the request carries the
 * configured internal token, compared in constant time (equal-length SHA-256 digests). With a
 * throttle, an address that sent `failuresPerMin` wrong tokens gets 429 + Retry-After for the
 * rest of that minute, so the token cannot be guessed online.
 */
export function createInternalGuard(
  internalToken: string,
  throttle?: InternalGuardThrottle,
): preHandlerAsyncHookHandler {
  if (!internalToken) throw new Error('internal routes need a non-empty internal token');
  const expected = digest(internalToken);
  const failuresKey = (ip: string) => `internal:auth-failures:${ip}`;
  return async (req) => {
    if (throttle) {
      const failures = Number((await throttle.cache.get(failuresKey(req.ip))) ?? 0);
      if (failures >= throttle.failuresPerMin) {
        throw Errors.tooManyRequests(Math.max(1000, await throttle.cache.pttl(failuresKey(req.ip))));
      }
    }
    const given = req.headers[INTERNAL_TOKEN_HEADER];
    if (typeof given !== 'string' || !timingSafeEqual(digest(given), expected)) {
      if (throttle) await throttle.cache.incr(failuresKey(req.ip), 1, { ttlMs: WINDOW_MS });
      throw Errors.unauthorized('Internal token required');
    }
  };
}
