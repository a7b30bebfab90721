import type { SqlDatabase, SqlExecutor } from '@chat/platform';
import { BATCH_SQL } from './batch.queries.ts';

export type ExecutionStatus = 'queued' | 'running' | 'completed' | 'failed' | 'skipped';
export type Trigger = 'schedule' | 'missed' | 'manual';

export interface ExecutionRow {
  id: number;
  job: string;
  trigger: Trigger;
  scheduled_for: Date | null;
  params: Record<string, unknown>;
  status: ExecutionStatus;
  lane: string;
  attempt: number;
  not_before: Date;
  created_at: Date;
  started_at: Date | null;
  ended_at: Date | null;
  owner: string | null;
  lease_until: Date | null;
  read_count: number;
  write_count: number;
  skip_count: number;
  error: string | null;
  requested_by: number | null;
  takeovers: number;
}

/** A claimed run: how it was before the claim (queued, or running under a node that died). */
export interface ClaimedRow extends ExecutionRow {
  was: 'queued' | 'running';
  previous_owner: string | null;
}

export interface StepRow {
  execution_id: number;
  position: number;
  name: string;
  status: 'running' | 'completed' | 'failed';
  checkpoint: unknown;
  read_count: number;
  write_count: number;
  skip_count: number;
  done: number;
  total: number | null;
  started_at: Date;
  ended_at: Date | null;
}

export interface LogRow {
  id: number;
  at: Date;
  level: 'info' | 'warn' | 'error';
  step: string | null;
  message: string;
}

export interface ScheduleRow {
  job: string;
  paused: boolean;
  since: Date;
}

export interface ExecutionFilter {
  job?: string;
  status?: ExecutionStatus;
  from?: Date;
  to?: Date;
  beforeId?: number;
  limit: number;
}

export interface Enqueue {
  job: string;
  trigger: Trigger;
  scheduledFor: Date | null;
  params: Record<string, unknown>;
  lane: string;
  requestedBy: number | null;
}

/** The batch service's tables; every statement is in BATCH_SQL. */
export function createBatchRepository(db: SqlDatabase) {
  const one = async <R>(text: string, params: unknown[]) =>
    (await db.query<R>(text, params)).rows[0] as R | undefined;
  return {
    db,
    async ensureSchedules(jobs: readonly string[]): Promise<void> {
      await db.query(BATCH_SQL.ensureSchedules, [jobs]);
    },
    async schedules(): Promise<Map<string, ScheduleRow>> {
      const { rows } = await db.query<ScheduleRow>(BATCH_SQL.schedules);
      return new Map(rows.map((r) => [r.job, r]));
    },
    setPaused: (job: string, paused: boolean) => one<ScheduleRow>(BATCH_SQL.setPaused, [job, paused]),
    enqueue: (e: Enqueue) =>
      one<ExecutionRow>(BATCH_SQL.enqueue, [
        e.job,
        e.trigger,
        e.scheduledFor,
        JSON.stringify(e.params),
        e.lane,
        e.requestedBy,
      ]),
    async recordSkipped(e: Omit<Enqueue, 'lane' | 'requestedBy'>, reason: string): Promise<boolean> {
      const row = await one(BATCH_SQL.recordSkipped, [
        e.job,
        e.trigger,
        e.scheduledFor,
        JSON.stringify(e.params),
        reason,
      ]);
      return row !== undefined;
    },
    async fireRecorded(job: string, fire: Date): Promise<boolean> {
      return (await one(BATCH_SQL.fireRecorded, [job, fire])) !== undefined;
    },
    activeRun: (job: string, lane: string) => one<{ id: number }>(BATCH_SQL.activeRun, [job, lane]),
    claim: (owner: string, leaseMs: number, jobs: readonly string[], running: readonly number[]) =>
      one<ClaimedRow>(BATCH_SQL.claim, [owner, leaseMs, jobs, running]),
    async renew(id: number, owner: string, leaseMs: number): Promise<boolean> {
      return (await one(BATCH_SQL.renew, [id, owner, leaseMs])) !== undefined;
    },
    async fence(tx: SqlExecutor, id: number, owner: string): Promise<boolean> {
      return (await tx.query(BATCH_SQL.fence, [id, owner])).rows.length > 0;
    },
    async steps(id: number): Promise<StepRow[]> {
      return (await db.query<StepRow>(BATCH_SQL.steps, [id])).rows;
    },
    startStep: (id: number, position: number, name: string, total: number | null) =>
      one<StepRow>(BATCH_SQL.startStep, [id, position, name, total]) as Promise<StepRow>,
    async commitChunk(
      tx: SqlExecutor,
      id: number,
      position: number,
      checkpoint: unknown,
      counts: { read: number; written: number; skipped: number },
    ): Promise<void> {
      await tx.query(BATCH_SQL.commitChunk, [
        id,
        position,
        JSON.stringify(checkpoint),
        counts.read,
        counts.written,
        counts.skipped,
      ]);
    },
    async endStep(
      id: number,
      position: number,
      status: 'completed' | 'failed',
      owner: string,
    ): Promise<void> {
      await db.query(BATCH_SQL.endStep, [id, position, status, owner]);
    },
    finish: (id: number, owner: string, status: 'completed' | 'failed', error: string | null) =>
      one<ExecutionRow>(BATCH_SQL.finish, [id, owner, status, error]),
    retryLater: (id: number, owner: string, error: string, backoffMs: number) =>
      one<ExecutionRow>(BATCH_SQL.retryLater, [id, owner, error, backoffMs]),
    async release(id: number, owner: string): Promise<void> {
      await db.query(BATCH_SQL.release, [id, owner]);
    },
    async log(id: number, level: LogRow['level'], step: string | null, message: string): Promise<void> {
      await db.query(BATCH_SQL.log, [id, level, step, message]);
    },
    execution: (id: number) => one<ExecutionRow>(BATCH_SQL.execution, [id]),
    async executions(f: ExecutionFilter): Promise<ExecutionRow[]> {
      const { rows } = await db.query<ExecutionRow>(BATCH_SQL.executions, [
        f.job ?? null,
        f.status ?? null,
        f.from ?? null,
        f.to ?? null,
        f.beforeId ?? null,
        f.limit,
      ]);
      return rows;
    },
    async lastRuns(
      jobs: readonly string[],
    ): Promise<Map<string, { last: ExecutionRow | null; lastSuccess: Date | null }>> {
      const { rows } = await db.query<{ job: string; last: ExecutionRow | null; last_success: Date | null }>(
        BATCH_SQL.lastRuns,
        [jobs],
      );
      return new Map(rows.map((r) => [r.job, { last: r.last, lastSuccess: r.last_success }]));
    },
    async logs(id: number, afterId: number, limit: number): Promise<LogRow[]> {
      return (await db.query<LogRow>(BATCH_SQL.logs, [id, afterId, limit])).rows;
    },
    async deleteEndedBefore(at: Date): Promise<number> {
      return (await one<{ deleted: number }>(BATCH_SQL.deleteEndedBefore, [at]))?.deleted ?? 0;
    },
  };
}

export type BatchRepository = ReturnType<typeof createBatchRepository>;
