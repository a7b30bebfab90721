import type { ChatUpkeepClient, UnreadCheck } from '@chat/contracts';
import { Type } from '@sinclair/typebox';
import type { ChunkStep, JobDefinition } from '../job.ts';
import type { FindingsRepository } from './findings.repository.ts';

export interface UnreadReconciliationParams {
  usersPerChunk: number;
}

/** Differences named in the report's log line (all are kept in batch.unread_findings). */
const NAMED = 10;

/**
 * Unread counts are derived from PostgreSQL and served from the cache with each user's room
 * list. Chat recomputes a chunk of members' lists and compares them with what the cache would
 * serve, dropping every list that differs (the repair: the next read comes from the database);
 * the differences are recorded with the chunk's checkpoint, and the last step reports them.
 * There should be none: a run that finds none proves the cache agreed.
 *
 * Chat repairs while it reads, before the chunk commits: a run resumed after a crash checks
 * that chunk again and finds what it repaired already agreeing, so its findings may be missing
 * from the report (never a repair).
 */
export function unreadReconciliationJob(deps: {
  chat: ChatUpkeepClient;
  findings: FindingsRepository;
}): JobDefinition<UnreadReconciliationParams> {
  const check: ChunkStep<UnreadReconciliationParams, UnreadCheck, number> = {
    kind: 'chunk',
    name: 'check-members',
    chunkSize: 500,
    async read(ctx, cursor) {
      const limit = ctx.params.usersPerChunk;
      const result = await deps.chat.checkUnread({ afterUserId: cursor ?? 0, limit });
      const done = result.lastUserId === null || result.users < limit;
      return {
        items: result.users > 0 ? [result] : [],
        next: done ? null : result.lastUserId,
        covers: result.users,
      };
    },
    async write(tx, results, ctx) {
      let repaired = 0;
      let uncached = 0;
      for (const r of results) {
        await deps.findings.add(tx, ctx.executionId, r.drift);
        repaired += r.repaired;
        uncached += r.users - r.cached;
      }
      return { written: repaired, skipped: uncached };
    },
  };
  return {
    name: 'unread-reconciliation',
    description:
      'Recomputes unread counts from PostgreSQL, compares them with the cached room lists, repairs and reports any difference',
    schedule: { cron: '0 5 * * *', missed: 'run-once' },
    timeoutMs: 60 * 60_000,
    retry: { attempts: 3, backoffMs: 60_000 },
    params: Type.Object(
      { usersPerChunk: Type.Integer({ minimum: 1, maximum: 5000, default: 500 }) },
      { additionalProperties: false },
    ),
    steps: [
      check,
      {
        kind: 'tasklet',
        name: 'report',
        async run(ctx) {
          const { total, first } = await deps.findings.of(ctx.executionId, NAMED);
          if (total === 0) {
            await ctx.log('info', 'no difference: every cached room list agreed with PostgreSQL');
          } else {
            const named = first
              .map(
                (d) =>
                  `user ${d.userId} room ${d.roomId}: cached ${d.cached ?? 'none'}, actual ${d.actual ?? 'none'}`,
              )
              .join('; ');
            await ctx.log(
              'warn',
              `${total} differences found and repaired (cached lists dropped): ${named}${total > NAMED ? '; …' : ''}`,
            );
          }
          return { read: total };
        },
      },
    ],
  };
}
