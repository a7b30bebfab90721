import type { FastifyInstance, preHandlerHookHandler } from 'fastify';
import type { Registry } from 'prom-client';
import type { Component } from '../ports/health.ts';
import { checkHealth } from './health.ts';

export interface ActuatorOptions {
  components: Readonly<Record<string, Component>>;
  registry: Registry;
  /** False while starting and once shutdown began: readiness reports DOWN. */
  isReady: () => boolean;
  /** Serve /actuator/prometheus on this app (false when disabled or moved to its own port). */
  exposeMetrics: boolean;
  /** Guards every other /actuator path (ROLE_ADMIN). */
  requireAdmin: preHandlerHookHandler;
  info: () => Record<string, unknown>;
}

/** Operations endpoints: health (+ liveness, readiness), the Prometheus scrape, admin info. */
export function registerActuator(app: FastifyInstance, opts: ActuatorOptions): void {
  app.get('/actuator/health', async (_req, reply) => {
    const report = await checkHealth(opts.components);
    reply.code(report.status === 'UP' ? 200 : 503).send(report);
  });
  app.get('/actuator/health/liveness', async () => ({ status: 'UP' }));
  app.get('/actuator/health/readiness', async (_req, reply) => {
    if (!opts.isReady()) return reply.code(503).send({ status: 'DOWN' });
    const report = await checkHealth(opts.components);
    return reply.code(report.status === 'UP' ? 200 : 503).send({ status: report.status });
  });
  if (opts.exposeMetrics) registerPrometheus(app, opts.registry);
  app.get('/actuator/info', { preHandler: opts.requireAdmin }, async () => opts.info());
}

export function registerPrometheus(app: FastifyInstance, registry: Registry): void {
  app.get('/actuator/prometheus', async (_req, reply) => {
    reply.header('content-type', registry.contentType).send(await registry.metrics());
  });
}
