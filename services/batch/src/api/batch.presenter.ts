import type { ExecutionDetail, ExecutionSummary, JobSummary } from '@chat/contracts';
import type { RegisteredJob } from '../engine/batch-engine.ts';
import type { ExecutionRow, ScheduleRow, StepRow } from '../store/batch.repository.ts';

/** A time as the contract writes it; rows read through row_to_json carry strings. */
function iso(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

export function presentExecution(row: ExecutionRow): ExecutionSummary {
  return {
    id: Number(row.id),
    job: row.job,
    trigger: row.trigger,
    scheduledFor: iso(row.scheduled_for),
    params: row.params,
    status: row.status,
    attempt: row.attempt,
    createdAt: iso(row.created_at)!,
    startedAt: iso(row.started_at),
    endedAt: iso(row.ended_at),
    counts: {
      read: Number(row.read_count),
      written: Number(row.write_count),
      skipped: Number(row.skip_count),
    },
    error: row.error,
    requestedBy: row.requested_by === null ? null : Number(row.requested_by),
  };
}

/** An execution with every step of its job: those not begun yet are `pending`. */
export function presentDetail(
  row: ExecutionRow,
  job: RegisteredJob | undefined,
  steps: readonly StepRow[],
): ExecutionDetail {
  const byPosition = new Map(steps.map((s) => [s.position, s]));
  const names = job ? job.def.steps.map((s) => s.name) : steps.map((s) => s.name);
  return {
    ...presentExecution(row),
    steps: names.map((name, position) => {
      const s = byPosition.get(position);
      return {
        name,
        status: s?.status ?? 'pending',
        counts: {
          read: Number(s?.read_count ?? 0),
          written: Number(s?.write_count ?? 0),
          skipped: Number(s?.skip_count ?? 0),
        },
        done: Number(s?.done ?? 0),
        total: s?.total === null || s?.total === undefined ? null : Number(s.total),
        startedAt: iso(s?.started_at),
        endedAt: iso(s?.ended_at),
      };
    }),
  };
}

export function presentJob(
  job: RegisteredJob,
  state: ScheduleRow | undefined,
  runs: { last: ExecutionRow | null; lastSuccess: Date | null } | undefined,
  now: Date,
): JobSummary {
  const paused = state?.paused ?? false;
  return {
    name: job.def.name,
    description: job.def.description,
    schedule: job.fires
      ? { cron: job.fires.pattern, timezone: job.fires.timezone, missedFires: job.missed }
      : null,
    paused,
    nextFireAt: job.fires && !paused ? iso(job.fires.next(now)) : null,
    timeoutMs: job.def.timeoutMs,
    retry: job.retry,
    allowOverlap: job.def.allowOverlap ?? false,
    params: job.def.params,
    lastRun: runs?.last ? presentExecution(runs.last) : null,
    lastSuccessAt: iso(runs?.lastSuccess),
  };
}
