import {
  BACKEND_SERVICES,
  type Config,
  createHttpApp,
  type Infrastructure,
  type Logger,
  type Metrics,
  type ServiceModule,
} from '@chat/platform';
import { createInternalGuard } from '@chat/security';
import type { FastifyInstance, onRequestAsyncHookHandler } from 'fastify';

/**
 * The internal listener (INTERNAL_HOST:INTERNAL_PORT) with the service-to-service routes of
 * this process's modules, every request guarded by INTERNAL_TOKEN and wrong tokens throttled per
 * client address. Built only when this process runs some services but not all (another process
 * may call them) and a token is configured; with every service in one process all calls are
 * in-process and nothing listens. Returns the app, not yet listening, or undefined.
 */
export async function buildInternalApp(opts: {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  infra: Infrastructure;
  modules: readonly ServiceModule[];
}): Promise<FastifyInstance | undefined> {
  const { config, modules } = opts;
  const split = BACKEND_SERVICES.some((s) => !config.services.includes(s));
  const withRoutes = modules.filter((m) => m.internalRoutes);
  if (!split || !config.internalToken || withRoutes.length === 0) return undefined;
  const app = createHttpApp({
    logger: opts.logger.child({ listener: 'internal' }),
    metrics: opts.metrics,
    bodyLimitBytes: config.http.bodyLimitBytes,
    // Services call it directly: the socket's address is the caller's, and a forwarded header
    // must not let a caller dodge the wrong-token throttle.
    trustProxy: false,
  });
  const guard = createInternalGuard(config.internalToken, {
    cache: opts.infra.cache,
    failuresPerMin: config.internalHttp.failuresPerMin,
  });
  app.addHook('onRequest', guard as unknown as onRequestAsyncHookHandler);
  for (const m of withRoutes) await m.internalRoutes?.(app);
  return app;
}
