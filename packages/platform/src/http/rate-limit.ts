import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { TokenBuckets } from '../cache/local-token-fallback.ts';
import { Errors } from '../errors/app-error.ts';

export interface RateLimitOptions {
  /** Names the bucket family (`rooms:create`, `writes`, ...): routes sharing a name share a budget. */
  readonly name: string;
  /** Requests per minute, refilled continuously, with a burst of as many. */
  readonly perMin: number;
  /** The period `perMin` counts over when it is not a minute (`3_600_000`: per hour). */
  readonly periodMs?: number;
  /** Whose budget a request spends, e.g. the authenticated user's id. */
  readonly keyOf: (req: FastifyRequest) => string | number;
}

/**
 * A preHandler (after authentication) that spends one token of a per-caller bucket in the shared
 * cache (so the limit holds across nodes) and refuses with 429 + Retry-After when it is empty,
 * before the handler runs. Pass the buckets of `withLocalTokenFallback`, so a shared cache that
 * is down makes limits per-node instead of refusing every request.
 */
export function createRateLimit(cache: TokenBuckets, opts: RateLimitOptions): preHandlerAsyncHookHandler {
  const ratePerSec = opts.perMin / ((opts.periodMs ?? 60_000) / 1000);
  return async (req, reply) => {
    const result = await cache.takeToken(
      `ratelimit:${opts.name}:${opts.keyOf(req)}`,
      ratePerSec,
      opts.perMin,
    );
    reply.header('x-ratelimit-remaining', String(result.remaining));
    if (!result.allowed) throw Errors.tooManyRequests(result.retryAfterMs);
  };
}
