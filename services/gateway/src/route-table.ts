import type { RouteGroup, ServiceName } from '@chat/platform';

/** One entry of the route table: requests under `prefix` go to `group`'s service. */
export interface GatewayRoute {
  /** A path prefix matched on segment boundaries (`/api/rooms` matches `/api/rooms/7`). */
  readonly prefix: string;
  readonly group: RouteGroup;
  /** WebSocket upgrades (matched on the exact path) rather than HTTP requests. */
  readonly websocket?: boolean;
}

/**
 * The route table (CONTRACT.md "Gateway"). Services added later get a line here and a group in
 * the configuration (`<GROUP>_UPSTREAMS`, `GATEWAY_LIMIT_<GROUP>`).
 */
export const ROUTE_TABLE: readonly GatewayRoute[] = [
  { prefix: '/api/auth', group: 'auth' },
  { prefix: '/api/users', group: 'users' },
  { prefix: '/api/rooms', group: 'chat' },
  { prefix: '/api/push', group: 'chat' },
  { prefix: '/api/batch', group: 'batch' },
  { prefix: '/ws', group: 'chat', websocket: true },
];

/** The service that answers a route group when it runs in the same process (batch: none yet). */
export const LOCAL_SERVICE: Readonly<Record<RouteGroup, ServiceName | undefined>> = {
  auth: 'auth',
  users: 'users',
  chat: 'chat',
  batch: undefined,
};

/** The HTTP route of a request path (query string excluded), or undefined: not routed. */
export function routeOf(path: string): GatewayRoute | undefined {
  for (const route of ROUTE_TABLE) {
    if (route.websocket) continue;
    if (path === route.prefix || path.startsWith(`${route.prefix}/`)) return route;
  }
  return undefined;
}

/** The WebSocket route of an upgrade's path, or undefined. */
export function websocketRouteOf(path: string): GatewayRoute | undefined {
  return ROUTE_TABLE.find((r) => r.websocket && r.prefix === path);
}
