import type { ExecutionStatus, ExecutionsQuery, RunJobBody } from '@chat/contracts';
import { Errors } from '@chat/platform';
import { type AuthGuards, principalOf } from '@chat/security';
import type { FastifyInstance } from 'fastify';
import type { BatchEngine, RegisteredJob } from '../engine/batch-engine.ts';
import type { BatchRepository } from '../store/batch.repository.ts';
import { presentDetail, presentExecution, presentJob } from './batch.presenter.ts';
import {
  executionLogsSchema,
  executionSchema,
  listExecutionsSchema,
  listJobsSchema,
  pauseJobSchema,
  resumeJobSchema,
  runJobSchema,
} from './batch.schema.ts';

const BODY_LIMIT_BYTES = 16 * 1024;

export interface BatchRouteDeps {
  readonly engine: BatchEngine;
  readonly repo: BatchRepository;
  readonly jobs: ReadonlyMap<string, RegisteredJob>;
  readonly guards: AuthGuards;
}

/** The admin API under /api/batch (ROLE_ADMIN on every route). */
export function registerBatchRoutes(app: FastifyInstance, deps: BatchRouteDeps): void {
  const { engine, repo, jobs, guards } = deps;
  const preHandler = guards.requireAdmin;

  async function jobSummary(name: string) {
    const job = jobs.get(name);
    if (!job) throw Errors.notFound(`Job ${name}`);
    const [states, runs] = await Promise.all([repo.schedules(), repo.lastRuns([name])]);
    return presentJob(job, states.get(name), runs.get(name), new Date());
  }

  app.get('/api/batch/jobs', { schema: listJobsSchema, preHandler }, async () => {
    const names = [...jobs.keys()];
    const [states, runs] = await Promise.all([repo.schedules(), repo.lastRuns(names)]);
    const now = new Date();
    return names.map((n) => presentJob(jobs.get(n)!, states.get(n), runs.get(n), now));
  });

  app.post<{ Params: { name: string }; Body: RunJobBody }>(
    '/api/batch/jobs/:name/runs',
    { schema: runJobSchema, preHandler, bodyLimit: BODY_LIMIT_BYTES },
    async (req, reply) => {
      const row = await engine.runNow(req.params.name, req.body?.params ?? {}, principalOf(req).userId);
      return reply.code(202).send(presentDetail(row, jobs.get(row.job), []));
    },
  );

  app.post<{ Params: { name: string } }>(
    '/api/batch/jobs/:name/pause',
    { schema: pauseJobSchema, preHandler },
    async (req) => {
      await engine.setPaused(req.params.name, true);
      return jobSummary(req.params.name);
    },
  );

  app.post<{ Params: { name: string } }>(
    '/api/batch/jobs/:name/resume',
    { schema: resumeJobSchema, preHandler },
    async (req) => {
      await engine.setPaused(req.params.name, false);
      return jobSummary(req.params.name);
    },
  );

  app.get<{ Querystring: ExecutionsQuery }>(
    '/api/batch/executions',
    { schema: listExecutionsSchema, preHandler },
    async (req) => {
      const q = req.query;
      const limit = q.limit ?? 50;
      if (q.from && q.to && Date.parse(q.from) >= Date.parse(q.to)) {
        throw Errors.badRequest('querystring.from must be before querystring.to');
      }
      const rows = await repo.executions({
        job: q.job,
        status: q.status as ExecutionStatus | undefined,
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
        beforeId: q.beforeId,
        limit: limit + 1,
      });
      const page = rows.slice(0, limit);
      return {
        executions: page.map(presentExecution),
        nextBeforeId: rows.length > limit ? Number(page[page.length - 1]!.id) : null,
      };
    },
  );

  app.get<{ Params: { id: number } }>(
    '/api/batch/executions/:id',
    { schema: executionSchema, preHandler },
    async (req) => {
      const row = await repo.execution(req.params.id);
      if (!row) throw Errors.notFound(`Execution ${req.params.id}`);
      return presentDetail(row, jobs.get(row.job), await repo.steps(row.id));
    },
  );

  app.get<{ Params: { id: number }; Querystring: { afterId?: number; limit?: number } }>(
    '/api/batch/executions/:id/logs',
    { schema: executionLogsSchema, preHandler },
    async (req) => {
      const row = await repo.execution(req.params.id);
      if (!row) throw Errors.notFound(`Execution ${req.params.id}`);
      const limit = req.query.limit ?? 200;
      const lines = await repo.logs(row.id, req.query.afterId ?? 0, limit);
      return {
        lines: lines.map((l) => ({
          id: Number(l.id),
          at: l.at.toISOString(),
          level: l.level,
          step: l.step,
          message: l.message,
        })),
        nextAfterId: lines.length === limit ? Number(lines[lines.length - 1]!.id) : null,
      };
    },
  );
}
