import { Type } from '@sinclair/typebox';
import type { BatchRepository } from '../store/batch.repository.ts';
import type { JobDefinition } from './job.ts';

const DAY_MS = 86_400_000;

export interface HistoryRetentionParams {
  keepDays: number;
}

/** Deletes ended runs (with their steps and logs) older than `keepDays`. */
export function historyRetentionJob(repo: BatchRepository): JobDefinition<HistoryRetentionParams> {
  return {
    name: 'batch-history-retention',
    description: 'Deletes ended batch runs, their steps and logs, older than keepDays',
    schedule: { cron: '30 4 * * *', missed: 'run-once' },
    timeoutMs: 10 * 60_000,
    retry: { attempts: 3, backoffMs: 60_000 },
    params: Type.Object(
      { keepDays: Type.Integer({ minimum: 1, maximum: 3650, default: 90 }) },
      { additionalProperties: false },
    ),
    steps: [
      {
        kind: 'tasklet',
        name: 'delete-old-runs',
        async run(ctx) {
          const before = new Date(ctx.scheduledFor.getTime() - ctx.params.keepDays * DAY_MS);
          const deleted = await repo.deleteEndedBefore(before);
          await ctx.log('info', `deleted ${deleted} runs that ended before ${before.toISOString()}`);
          return { read: deleted, written: deleted };
        },
      },
    ],
  };
}
