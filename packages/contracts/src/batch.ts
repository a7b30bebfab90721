import { type Static, Type } from '@sinclair/typebox';
import { DateTime, Id, Nullable, StringEnum } from './common.ts';
import { DailySales } from './store.ts';

/** Log topic of the batch service's events (`JobFinished`, `JobFailed`), keyed by job name. */
export const BATCH_EVENTS_TOPIC = 'batch.events';

export const EXECUTION_STATUSES = ['queued', 'running', 'completed', 'failed', 'skipped'] as const;
export const ExecutionStatus = StringEnum(EXECUTION_STATUSES);
export type ExecutionStatus = Static<typeof ExecutionStatus>;

/** Why a run happened: its schedule fired, a fire missed while no node ran was made up, or an admin asked. */
export const ExecutionTrigger = StringEnum(['schedule', 'missed', 'manual'] as const);

export const JOB_NAME_PATTERN = '^[a-z][a-z0-9-]{0,62}$';
export const JobName = Type.String({ pattern: JOB_NAME_PATTERN, maxLength: 63 });
export const JobParams = Type.Object({ name: JobName });

export const Counts = Type.Object({
  read: Type.Integer({ minimum: 0 }),
  written: Type.Integer({ minimum: 0 }),
  skipped: Type.Integer({ minimum: 0 }),
});

export const ExecutionSummary = Type.Object({
  id: Id,
  job: Type.String(),
  trigger: ExecutionTrigger,
  scheduledFor: Nullable(DateTime),
  params: Type.Record(Type.String(), Type.Unknown()),
  status: ExecutionStatus,
  attempt: Type.Integer({ minimum: 1 }),
  createdAt: DateTime,
  startedAt: Nullable(DateTime),
  endedAt: Nullable(DateTime),
  counts: Counts,
  error: Nullable(Type.String()),
  requestedBy: Nullable(Id),
});
export type ExecutionSummary = Static<typeof ExecutionSummary>;

export const StepProgress = Type.Object({
  name: Type.String(),
  status: StringEnum(['pending', 'running', 'completed', 'failed'] as const),
  counts: Counts,
  /** Items handled so far. */
  done: Type.Integer({ minimum: 0 }),
  /** Items to handle, when the step knows it. */
  total: Nullable(Type.Integer({ minimum: 0 })),
  startedAt: Nullable(DateTime),
  endedAt: Nullable(DateTime),
});

export const ExecutionDetail = Type.Intersect([
  ExecutionSummary,
  Type.Object({ steps: Type.Array(StepProgress) }),
]);
export type ExecutionDetail = Static<typeof ExecutionDetail>;

export const ExecutionPage = Type.Object({
  executions: Type.Array(ExecutionSummary),
  /** Pass as `beforeId` for the next (older) page; null at the end. */
  nextBeforeId: Nullable(Id),
});

export const ExecutionsQuery = Type.Object({
  job: Type.Optional(JobName),
  status: Type.Optional(ExecutionStatus),
  /** Runs created at or after. */
  from: Type.Optional(DateTime),
  /** Runs created before. */
  to: Type.Optional(DateTime),
  beforeId: Type.Optional(Id),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});
export type ExecutionsQuery = Static<typeof ExecutionsQuery>;

export const JobSummary = Type.Object({
  name: Type.String(),
  description: Type.String(),
  /** Cron pattern and time zone; null: run on demand only. */
  schedule: Nullable(
    Type.Object({
      cron: Type.String(),
      timezone: Type.String(),
      missedFires: StringEnum(['run-once', 'skip'] as const),
    }),
  ),
  paused: Type.Boolean(),
  nextFireAt: Nullable(DateTime),
  timeoutMs: Type.Integer({ minimum: 1 }),
  retry: Type.Object({ attempts: Type.Integer({ minimum: 1 }), backoffMs: Type.Integer({ minimum: 0 }) }),
  allowOverlap: Type.Boolean(),
  /** JSON schema of the parameters run-now accepts. */
  params: Type.Unknown(),
  lastRun: Nullable(ExecutionSummary),
  lastSuccessAt: Nullable(DateTime),
});
export type JobSummary = Static<typeof JobSummary>;

export const JobList = Type.Array(JobSummary);

export const RunJobBody = Type.Object({
  params: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});
export type RunJobBody = Static<typeof RunJobBody>;

export const LogLine = Type.Object({
  id: Id,
  at: DateTime,
  level: StringEnum(['info', 'warn', 'error'] as const),
  step: Nullable(Type.String()),
  message: Type.String(),
});
export const LogPage = Type.Object({ lines: Type.Array(LogLine), nextAfterId: Nullable(Id) });
export const LogsQuery = Type.Object({
  afterId: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, default: 0 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })),
});

const jobEvent = {
  /** Unique per event. */
  eventId: Type.String({ minLength: 1, maxLength: 100 }),
  occurredAt: Type.Integer({ minimum: 0 }),
  executionId: Id,
  job: Type.String(),
  trigger: ExecutionTrigger,
  attempt: Type.Integer({ minimum: 1 }),
  durationMs: Type.Integer({ minimum: 0 }),
  counts: Counts,
};
export const JobFinished = Type.Object({ type: Type.Literal('JobFinished'), ...jobEvent });
export const JobFailed = Type.Object({ type: Type.Literal('JobFailed'), ...jobEvent, error: Type.String() });
export const BatchEvent = Type.Union([JobFinished, JobFailed]);
export type BatchEvent = Static<typeof BatchEvent>;

/** One day of the daily-statistics job's figures (null: not computed yet). */
export const DailyStatistics = Type.Object({
  day: Type.String(),
  timeZone: Type.String(),
  messages: Type.Object({
    direct: Type.Integer({ minimum: 0 }),
    group: Type.Integer({ minimum: 0 }),
    total: Type.Integer({ minimum: 0 }),
  }),
  activeUsers: Nullable(Type.Integer({ minimum: 0 })),
  weeklyActiveUsers: Nullable(Type.Integer({ minimum: 0 })),
  monthlyActiveUsers: Nullable(Type.Integer({ minimum: 0 })),
  signups: Nullable(Type.Integer({ minimum: 0 })),
  roomsCreated: Nullable(Type.Integer({ minimum: 0 })),
  /** The most STOMP connections open at once across all chat nodes that day. */
  peakConnections: Nullable(Type.Integer({ minimum: 0 })),
  computedAt: Nullable(DateTime),
});
export type DailyStatistics = Static<typeof DailyStatistics>;

export const DailyStatisticsQuery = Type.Object({
  /** First day, YYYY-MM-DD (included). */
  from: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
  /** Last day, YYYY-MM-DD (included); at most 366 days after `from`. */
  to: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
  format: Type.Optional(
    StringEnum(['json', 'csv'] as const, { description: 'json (default) or csv (a download)' }),
  ),
});
export type DailyStatisticsQuery = Static<typeof DailyStatisticsQuery>;

/** The daily-sales report: the days the daily-sales job computed in a range, oldest first. */
export const DailySalesReport = Type.Object({ days: Type.Array(DailySales) });
export type DailySalesReport = Static<typeof DailySalesReport>;
