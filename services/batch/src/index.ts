import { fileURLToPath } from 'node:url';
import type {
  AuthUpkeepClient,
  ChatStatsClient,
  ChatUpkeepClient,
  StoreStatsClient,
  UsersStatsClient,
} from '@chat/contracts';
import type { ServiceContext, ServiceModule } from '@chat/platform';
import type { ServiceAuth } from '@chat/security';
import { registerBatchRoutes } from './api/batch.routes.ts';
import { registerReportRoutes } from './api/report.routes.ts';
import { registerSalesReportRoutes } from './api/sales-report.routes.ts';
import { createBatchEngine, type RunObserver } from './engine/batch-engine.ts';
import { batchEvents } from './engine/batch-events.ts';
import { batchMetrics } from './engine/batch-metrics.ts';
import { createDailySalesRepository } from './jobs/daily-sales/daily-sales.repository.ts';
import { dailySalesJob } from './jobs/daily-sales/daily-sales.ts';
import { dailyStatisticsJob } from './jobs/daily-statistics/daily-statistics.ts';
import { createDailyStatsRepository } from './jobs/daily-statistics/daily-stats.repository.ts';
import { deadLetterSweepJob } from './jobs/dead-letter-sweep/dead-letter-sweep.ts';
import { createRedrivenRepository } from './jobs/dead-letter-sweep/redriven.repository.ts';
import { historyRetentionJob } from './jobs/history-retention.ts';
import type { AnyJob } from './jobs/job.ts';
import { registerJobs } from './jobs/registry.ts';
import { retentionJob } from './jobs/retention.ts';
import { createFindingsRepository } from './jobs/unread-reconciliation/findings.repository.ts';
import { unreadReconciliationJob } from './jobs/unread-reconciliation/unread-reconciliation.ts';
import { createBatchRepository } from './store/batch.repository.ts';

export { createBatchEngine } from './engine/batch-engine.ts';
export type { AnyJob, ChunkStep, JobDefinition, StepContext, TaskletStep } from './jobs/job.ts';
export { registerJobs } from './jobs/registry.ts';
export { createBatchRepository } from './store/batch.repository.ts';

/** The other services' figures the jobs read (in-process or over their internal APIs). */
export interface BatchClients {
  readonly chatStats: ChatStatsClient;
  readonly usersStats: UsersStatsClient;
  readonly chatUpkeep: ChatUpkeepClient;
  readonly authUpkeep: AuthUpkeepClient;
  /** The store's sales (daily-sales). */
  readonly storeStats: StoreStatsClient;
}

/** The batch service: scheduled jobs with a run history; owns schema `batch`. */
export async function createBatchService(
  ctx: ServiceContext<BatchClients, ServiceAuth>,
): Promise<ServiceModule> {
  const { config, infra, logger } = ctx;
  const repo = createBatchRepository(infra.db);
  const dailyStats = createDailyStatsRepository(infra.db);
  const dailySales = createDailySalesRepository(infra.db);
  const defs: AnyJob[] = [
    dailyStatisticsJob({ stats: dailyStats, chat: ctx.clients.chatStats, users: ctx.clients.usersStats }),
    dailySalesJob({ sales: dailySales, store: ctx.clients.storeStats }),
    unreadReconciliationJob({ chat: ctx.clients.chatUpkeep, findings: createFindingsRepository(infra.db) }),
    retentionJob({ auth: ctx.clients.authUpkeep, chat: ctx.clients.chatUpkeep }),
    deadLetterSweepJob({ log: infra.log, redriven: createRedrivenRepository(infra.db) }),
    historyRetentionJob(repo),
  ];
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
      registerReportRoutes(app, { stats: dailyStats, guards: ctx.auth.guards });
      registerSalesReportRoutes(app, { sales: dailySales, guards: ctx.auth.guards });
    },
    async start() {
      await engine.start();
    },
    async stop() {
      await engine.stop();
    },
  };
}
