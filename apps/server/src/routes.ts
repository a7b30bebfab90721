import {
  type Config,
  type Infrastructure,
  type Metrics,
  registerActuator,
  type ServiceModule,
} from '@chat/platform';
import type { AuthGuards } from '@chat/security';
import type { FastifyInstance } from 'fastify';
import { mountAdmin } from './admin/index.ts';
import { remoteComponents } from './clients.ts';

/** Mounts the operations endpoints, the admin API and every service's routes on the app. */
export async function mountRoutes(
  app: FastifyInstance,
  opts: {
    config: Config;
    infra: Infrastructure;
    modules: readonly ServiceModule[];
    metrics: Metrics;
    /** The process's guards (`buildModules`), the ones its services use. */
    guards: AuthGuards;
    isReady: () => boolean;
  },
): Promise<void> {
  const { config, infra, modules, metrics, guards } = opts;
  registerActuator(app, {
    components: {
      db: infra.db,
      cache: infra.cache,
      pubsub: infra.pubsub,
      log: infra.log,
      storage: infra.storage,
      // The services this process calls over HTTP (made while building the modules, before this).
      ...remoteComponents(config),
      ...Object.assign({}, ...modules.map((m) => m.components ?? {})),
    },
    registry: metrics.registry,
    isReady: opts.isReady,
    exposeMetrics: config.metrics.enabled && config.metrics.port === undefined,
    requireAdmin: guards.requireAdmin,
    info: () => ({ mode: infra.mode, services: config.services, uptimeSec: Math.round(process.uptime()) }),
  });
  mountAdmin(app, { infra, guards });
  for (const m of modules) await m.routes?.(app);
}
