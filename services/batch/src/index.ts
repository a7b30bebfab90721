import { fileURLToPath } from 'node:url';
import type { ServiceContext, ServiceModule } from '@chat/platform';
import type { ServiceAuth } from '@chat/security';
import { registerBatchRoutes } from './api/batch.routes.ts';
import { createBatchEngine, type RunObserver } from './engine/batch-engine.ts';
import { batchEvents } from './engine/batch-events.ts';
import { batchMetrics } from './engine/batch-metrics.ts';
import { historyRetentionJob } from './jobs/history-retention.ts';
import type { AnyJob } from './jobs/job.ts';
import { registerJobs } from './jobs/registry.ts';
import { createBatchRepository } from './store/batch.repository.ts';

export { createBatchEngine } from './engine/batch-engine.ts';
export type { AnyJob, ChunkStep, JobDefinition, StepContext, TaskletStep } from './jobs/job.ts';
export { registerJobs } from './jobs/registry.ts';
export { createBatchRepository } from './store/batch.repository.ts';

/** The batch service: scheduled jobs with a run history; owns schema `batch`. */
export async function createBatchService(ctx: ServiceContext<unknown, ServiceAuth>): Promise<ServiceModule> {
  const { config, infra, logger } = ctx;
  const repo = createBatchRepository(infra.db);
  const defs: AnyJob[] = [historyRetentionJob(repo)];
  const jobs = registerJobs(defs, config.batch);
  const observers: RunObserver[] = [batchMetrics(ctx.metrics, repo, jobs), batchEvents(infra.log, logger)];
  const engine = createBatchEngine({
    repo,
    jobs,
    logger,
    leaseMs: config.batch.leaseMs,
    pollMs: config.batch.pollMs,
    workers: config.batch.workers,
    observer: {
      started: (row) => {
        for (const o of observers) o.started?.(row);
      },
      ended: (row, ms) => {
        for (const o of observers) o.ended?.(row, ms);
      },
    },
  });
  return {
    name: 'batch',
    migrations: { schema: 'batch', dir: fileURLToPath(new URL('../migrations', import.meta.url)) },
    provides: {},
    routes(app) {
      registerBatchRoutes(app, { engine, repo, jobs, guards: ctx.auth.guards });
    },
    async start() {
      await engine.start();
    },
    async stop() {
      await engine.stop();
    },
  };
}
