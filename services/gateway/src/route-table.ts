import type { RouteGroup, ServiceName } from '@chat/platform';

/** One entry of the route table: requests under `prefix` go to `group`'s service. */
export interface GatewayRoute {
  /** A path prefix matched on segment boundaries (`/api/rooms` matches `/api/rooms/7`). */
  readonly prefix: string;
  readonly group: RouteGroup;
  /**
   * WebSocket upgrades rather than HTTP requests: of the exact path, and of paths under it when
   * `subpaths` (SockJS's `/ws/{server}/{session}/websocket`).
   */
  readonly websocket?: boolean;
  /** Only the paths under the prefix, not the prefix itself (SockJS's HTTP side of `/ws`). */
  readonly subpaths?: boolean;
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
  { prefix: '/api/store', group: 'store' },
  { prefix: '/api/social', group: 'social' },
  { prefix: '/api/notifications', group: 'social' },
  { prefix: '/ws', group: 'chat', websocket: true, subpaths: true },
  // SockJS's HTTP transports and info; `/ws` itself answers a plain GET with 400 here.
  { prefix: '/ws', group: 'chat', subpaths: true },
];

/** The service that answers a route group when it runs in the same process. */
export const LOCAL_SERVICE: Readonly<Record<RouteGroup, ServiceName | undefined>> = {
  auth: 'auth',
  users: 'users',
  chat: 'chat',
  batch: 'batch',
  store: 'store',
  social: 'social',
};

/** The HTTP route of a request path (query string excluded), or undefined: not routed. */
export function routeOf(path: string): GatewayRoute | undefined {
  for (const route of ROUTE_TABLE) {
    if (route.websocket) continue;
    if ((path === route.prefix && !route.subpaths) || path.startsWith(`${route.prefix}/`)) return route;
  }
  return undefined;
}

/** The WebSocket route of an upgrade's path, or undefined. */
export function websocketRouteOf(path: string): GatewayRoute | undefined {
  return ROUTE_TABLE.find(
    (r) => r.websocket && (r.prefix === path || (r.subpaths && path.startsWith(`${r.prefix}/`))),
  );
}

const SOCKJS_SESSION = /^\/ws\/([^/.]+)\/([^/.]+)\/[a-z_]+$/;

/**
 * The SockJS session a request belongs to (`/ws/{server}/{session}/xhr...`), or undefined: every
 * request of one session must reach the same chat instance, which holds the session.
 */
export function sockJsSessionOf(path: string): string | undefined {
  const m = SOCKJS_SESSION.exec(path);
  return m ? `${m[1]}/${m[2]}` : undefined;
}
