import type { Cache } from '../ports/cache.ts';
import { createMemoryCache } from './memory.ts';

/** The token buckets of a cache (rate limits). */
export type TokenBuckets = Pick<Cache, 'takeToken'>;

/**
 * Token buckets in the shared cache, with in-process buckets (same rate and burst, per node)
 * while the shared cache is unreachable: limits degrade to per-node instead of every request
 * failing. `onFallback` hears each failure of the shared cache (log it, count it).
 */
export function withLocalTokenFallback(cache: Cache, onFallback?: (err: unknown) => void): TokenBuckets {
  if (cache.adapter === 'memory') return cache;
  const local = createMemoryCache();
  return {
    async takeToken(key, ratePerSec, burst, cost) {
      try {
        return await cache.takeToken(key, ratePerSec, burst, cost);
      } catch (err) {
        onFallback?.(err);
        return local.takeToken(key, ratePerSec, burst, cost);
      }
    },
  };
}
