import type { BucketLimit, RouteGroup, TokenBuckets } from '@chat/platform';

/** Who spends a request: the user of a well-signed token, else the client address. */
export type ClientKey = { readonly user: number } | { readonly address: string };

export interface LimitDecision {
  readonly allowed: boolean;
  readonly remaining: number;
  readonly retryAfterMs: number;
}

export interface GatewayLimits {
  /** Spends one token of the client's bucket of `group` (shared by every gateway node). */
  take(group: RouteGroup, client: ClientKey): Promise<LimitDecision>;
}

/** Token buckets per client per route group, in the cache every gateway node shares. */
export function createGatewayLimits(
  buckets: TokenBuckets,
  limits: Readonly<Record<RouteGroup, BucketLimit>>,
): GatewayLimits {
  return {
    async take(group, client) {
      const { ratePerSec, burst } = limits[group];
      const who = 'user' in client ? `u:${client.user}` : `a:${client.address}`;
      const result = await buckets.takeToken(`gateway:limit:${group}:${who}`, ratePerSec, burst);
      return { allowed: result.allowed, remaining: result.remaining, retryAfterMs: result.retryAfterMs };
    },
  };
}
