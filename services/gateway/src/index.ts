import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  Errors,
  forwardedChain,
  REQUEST_ID_HEADER,
  REQUEST_ID_PATTERN,
  ROUTE_GROUPS,
  type RouteGroup,
  type ServiceContext,
  type ServiceModule,
  trustFunction,
  withLocalTokenFallback,
  writeErrorResponse,
} from '@chat/platform';
import type { ServiceAuth } from '@chat/security';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createClientKey } from './client-key.ts';
import { registerHttpProxy } from './http-proxy.ts';
import { createGatewayLimits, type LimitDecision } from './rate-limits.ts';
import { LOCAL_SERVICE, ROUTE_TABLE, routeOf, websocketRouteOf } from './route-table.ts';
import { createUpstreamPool, type UpstreamPool } from './upstream-pool.ts';
import { upstreamsHealth } from './upstreams-health.ts';
import { proxyUpgrade } from './ws-proxy.ts';

/** The gateway offers nothing to the other services: it only routes to them. */
export type GatewayProvides = Record<never, never>;

const REMAINING = 'x-ratelimit-remaining';

/**
 * The gateway: one route table for every mode. Each route group is answered by its service in
 * this process when it runs here (the all-in-one default), else proxied to its upstream
 * instances (`<GROUP>_UPSTREAMS`); in both cases the same per-client token buckets apply,
 * shared by every gateway node through the cache. A group with neither answers 404.
 */
export async function createGatewayService(
  ctx: ServiceContext<unknown, ServiceAuth>,
): Promise<ServiceModule<GatewayProvides>> {
  const { config, infra, logger } = ctx;
  const settings = config.gateway;
  const isLocal = (group: RouteGroup) => {
    const service = LOCAL_SERVICE[group];
    return service !== undefined && config.services.includes(service);
  };
  const pools = new Map<RouteGroup, UpstreamPool>();
  for (const group of ROUTE_GROUPS) {
    const urls = settings.upstreams[group];
    if (!isLocal(group) && urls.length > 0) pools.set(group, createUpstreamPool(urls, settings.ejectMs));
  }
  const routed = (group: RouteGroup) => isLocal(group) || pools.has(group);
  const limits = createGatewayLimits(
    withLocalTokenFallback(infra.cache, (err) =>
      logger.debug({ err }, 'shared gateway limits unreachable: per-node limits'),
    ),
    settings.limits,
  );
  const trust = trustFunction(config.http.trustProxy);
  const decisions = new WeakMap<FastifyRequest, LimitDecision>();
  const clientKey = createClientKey(ctx.auth.verifier);

  async function limitRequest(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    // The matched route's pattern, not the raw path: the router decodes `/api/%72ooms`, so a
    // raw-path match would let an encoded path skip its group's bucket.
    const route = routeOf(req.routeOptions.url ?? req.url.split('?')[0] ?? req.url);
    if (!route || !routed(route.group)) return;
    const decision = await limits.take(route.group, clientKey(req.headers.authorization, req.ip));
    decisions.set(req, decision);
    reply.header(REMAINING, String(decision.remaining));
    if (!decision.allowed) throw Errors.tooManyRequests(decision.retryAfterMs);
  }

  /** A service's own per-route limit may also report a remaining count: the client gets the smaller. */
  async function keepSmallestRemaining(req: FastifyRequest, reply: FastifyReply, payload: unknown) {
    const decision = decisions.get(req);
    if (decision) {
      const theirs = Number(reply.getHeader(REMAINING));
      const remaining = Number.isFinite(theirs) ? Math.min(theirs, decision.remaining) : decision.remaining;
      reply.header(REMAINING, String(remaining));
    }
    return payload;
  }

  async function admitUpgrade(req: IncomingMessage, socket: Duplex): Promise<boolean> {
    const path = (req.url ?? '').split('?')[0] ?? '';
    const route = websocketRouteOf(path);
    if (!route || !routed(route.group)) return true;
    const given = req.headers[REQUEST_ID_HEADER];
    if (typeof given !== 'string' || !REQUEST_ID_PATTERN.test(given))
      req.headers[REQUEST_ID_HEADER] = randomUUID();
    const address = forwardedChain(req, trust).at(-1) ?? '';
    const decision = await limits.take(route.group, { address }).catch(() => undefined);
    if (!decision) {
      writeErrorResponse(socket, Errors.unavailable('Rate limits are unavailable, try again shortly'), path);
      socket.destroy();
      return false;
    }
    if (decision.allowed) return true;
    writeErrorResponse(socket, Errors.tooManyRequests(decision.retryAfterMs), path, {
      [REMAINING]: String(decision.remaining),
    });
    socket.destroy();
    return false;
  }

  const chatPool = pools.get('chat');
  const proxied = new Set<Duplex>();
  const wsRoutes = ROUTE_TABLE.filter((r) => r.websocket && pools.has(r.group));
  logger.info(
    {
      local: ROUTE_GROUPS.filter(isLocal),
      upstreams: Object.fromEntries([...pools].map(([g, p]) => [g, p.urls])),
    },
    'gateway routes',
  );

  return {
    name: 'gateway',
    provides: {},
    admitUpgrade,
    async stop() {
      // Frames are not parsed here, so no close frame can be slipped in safely: the sockets are
      // cut, the clients reconnect (to another gateway), their sessions end on the chat nodes.
      for (const socket of proxied) socket.destroy();
    },
    ...(pools.size > 0 && { components: { upstreams: upstreamsHealth(pools) } }),
    async routes(app) {
      app.addHook('onRequest', limitRequest);
      app.addHook('onSend', keepSmallestRemaining);
      await registerHttpProxy(app, {
        routes: ROUTE_TABLE.flatMap((route) => {
          const pool = pools.get(route.group);
          return !route.websocket && pool ? [{ route, pool }] : [];
        }),
        timeoutMs: settings.upstreamTimeoutMs,
        retries: settings.retries,
        ownsCors: config.corsOrigins.length > 0,
      });
    },
    ...(chatPool &&
      wsRoutes[0] && {
        upgrade: {
          path: wsRoutes[0].prefix,
          // The service answers the paths under it that it does not take (404), as it would directly.
          ...(wsRoutes[0].subpaths && {
            also: (path: string) => path.startsWith(`${wsRoutes[0]?.prefix}/`),
          }),
          handle: (req: IncomingMessage, socket: Duplex, head: Buffer) =>
            proxyUpgrade(req, socket, head, String(req.headers['x-request-id']), {
              pool: chatPool,
              timeoutMs: settings.upstreamTimeoutMs,
              retries: settings.retries,
              trust,
              open: proxied,
              logger,
            }),
        },
      }),
  };
}
