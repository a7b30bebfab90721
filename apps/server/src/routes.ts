import type { AuthRevocationClient } from '@chat/contracts';
import {
  type Config,
  Errors,
  type Infrastructure,
  type Metrics,
  registerActuator,
  type ServiceModule,
} from '@chat/platform';
import { createAuthGuards, createTokenVerifier } from '@chat/security';
import type { FastifyInstance } from 'fastify';
import { mountAdmin } from './admin/index.ts';

/** Mounts the operations endpoints, the admin API and every service's routes on the app. */
export async function mountRoutes(
  app: FastifyInstance,
  opts: {
    config: Config;
    infra: Infrastructure;
    modules: readonly ServiceModule[];
    metrics: Metrics;
    isReady: () => boolean;
  },
): Promise<void> {
  const { config, infra, modules, metrics } = opts;
  const guards = createAuthGuards(
    createTokenVerifier({
      secret: config.auth.jwtSecret,
      cache: infra.cache,
      fallback: authRevocations(modules),
    }),
  );
  registerActuator(app, {
    components: { db: infra.db, cache: infra.cache, pubsub: infra.pubsub, log: infra.log },
    registry: metrics.registry,
    isReady: opts.isReady,
    exposeMetrics: config.metrics.enabled && config.metrics.port === undefined,
    requireAdmin: guards.requireAdmin,
    info: () => ({ mode: infra.mode, services: config.services, uptimeSec: Math.round(process.uptime()) }),
  });
  mountAdmin(app, { infra, guards });
  for (const m of modules) await m.routes?.(app);
}

/** Auth's revocation check when auth runs in this process; else one that answers 503. */
function authRevocations(modules: readonly ServiceModule[]): AuthRevocationClient['isTokenRevoked'] {
  const auth = modules.find((m) => m.provides?.revocations)?.provides?.revocations as
    | AuthRevocationClient
    | undefined;
  if (auth) return (q) => auth.isTokenRevoked(q);
  return async () => {
    throw Errors.unavailable('auth service is not in this process: revocation state unavailable');
  };
}
