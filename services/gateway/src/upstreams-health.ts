import type { Component, RouteGroup } from '@chat/platform';
import type { UpstreamPool } from './upstream-pool.ts';

/**
 * The instances of each proxied group as health reports them: UP while every group has one in
 * service, DEGRADED when one has none (the gateway itself still serves the other groups and
 * answers that group 503, so it stays ready: taking it out would not bring the instances back).
 */
export function upstreamsHealth(pools: ReadonlyMap<RouteGroup, UpstreamPool>): Component {
  return {
    adapter: 'gateway',
    async health() {
      const groups = Object.fromEntries(
        [...pools].map(([group, pool]) => [
          group,
          { instances: pool.urls.length, inService: pool.healthyCount() },
        ]),
      );
      const starved = Object.values(groups).some((g) => g.inService === 0);
      return { status: starved ? 'DEGRADED' : 'UP', details: { adapter: 'gateway', ...groups } };
    },
    async close() {},
  };
}
