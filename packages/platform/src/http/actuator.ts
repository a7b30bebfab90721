import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Registry } from 'prom-client';
import type { Component } from '../ports/health.ts';
import { checkHealth, type HealthReport, publicHealth } from './health.ts';

export interface ActuatorOptions {
  components: Readonly<Record<string, Component>>;
  registry: Registry;
  /** False while starting and once shutdown began: readiness reports DOWN. */
  isReady: () => boolean;
  /** Serve /actuator/prometheus on this app (false when disabled or moved to its own port). */
  exposeMetrics: boolean;
  /** Guards every other /actuator path (ROLE_ADMIN); with an admin token, health shows its details. */
  requireAdmin: preHandlerAsyncHookHandler;
  info: () => Record<string, unknown>;
}

/**
 * Operations endpoints: health (+ liveness, readiness), the Prometheus scrape, admin info.
 * Health needs no token and then shows each component's status and adapter only; the details
 * (data directory, addresses, pool sizes, error messages) are for a ROLE_ADMIN token.
 */
export function registerActuator(app: FastifyInstance, opts: ActuatorOptions): void {
  const isAdmin = async (req: FastifyRequest, reply: FastifyReply): Promise<boolean> => {
    if (req.headers.authorization === undefined) return false;
    try {
      await opts.requireAdmin.call(app, req, reply);
      return true;
    } catch {
      return false;
    }
  };
  app.get('/actuator/health', async (req, reply) => {
    const report: HealthReport = await checkHealth(opts.components);
    const body = (await isAdmin(req, reply)) ? report : publicHealth(report);
    reply.code(report.status === 'UP' ? 200 : 503).send(body);
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
