import type { ChatStatsClient, MessageChunk, UsersStatsClient } from '@chat/contracts';
import { Type } from '@sinclair/typebox';
import { addDays, DAY_PATTERN, dayOf, dayRange, isDay } from '../../schedule/zoned-day.ts';
import type { ChunkStep, JobDefinition, StepContext } from '../job.ts';
import type { DailyStatsRepository } from './daily-stats.repository.ts';

export interface DailyStatisticsParams {
  /** The day, in the job's time zone; default yesterday's (the day that just ended). */
  day: string;
  /** Messages a chunk reads (ids). */
  chunkSize: number;
}

/** Where the messages step's reader is: the last id counted and the day's last id. */
interface MessagesCursor {
  readonly afterId: number;
  readonly upToId: number;
}

export interface DailyStatisticsDeps {
  readonly stats: DailyStatsRepository;
  readonly chat: ChatStatsClient;
  readonly users: UsersStatsClient;
}

type Ctx = StepContext<DailyStatisticsParams>;

function rangeOf(ctx: Ctx) {
  const { from, to } = dayRange(ctx.params.day, ctx.timezone);
  return { from: from.toISOString(), to: to.toISOString() };
}

/**
 * A day's figures: messages by room type, active users (who sent a message: DAU, and WAU/MAU
 * over the 7 and 30 days ending with it), signups, rooms created and the peak of STOMP
 * connections open at once (chat samples it per quarter hour). Chat's messages are read
 * in keyset chunks of ids (the day's first to last id, found by its BRIN index); each chunk's
 * counts and senders commit with the step's checkpoint.
 */
export function dailyStatisticsJob(deps: DailyStatisticsDeps): JobDefinition<DailyStatisticsParams> {
  const messages: ChunkStep<DailyStatisticsParams, MessageChunk, MessagesCursor> = {
    kind: 'chunk',
    name: 'messages',
    chunkSize: 10_000,
    async total(ctx) {
      const ids = await deps.chat.messageIdRange(rangeOf(ctx));
      return ids ? ids.lastId - ids.firstId + 1 : 0;
    },
    async read(ctx, cursor) {
      const range = rangeOf(ctx);
      let at = cursor;
      if (!at) {
        const ids = await deps.chat.messageIdRange(range);
        if (!ids) return { items: [], next: null };
        at = { afterId: ids.firstId - 1, upToId: ids.lastId };
      }
      const chunk = await deps.chat.messageChunk({ ...range, ...at, limit: ctx.params.chunkSize });
      const done = chunk.lastId === null || chunk.lastId >= at.upToId;
      return {
        items: chunk.scanned > 0 ? [chunk] : [],
        next: done ? null : { afterId: chunk.lastId!, upToId: at.upToId },
        covers: chunk.scanned,
      };
    },
    async write(tx, chunks, ctx) {
      let written = 0;
      let skipped = 0;
      for (const c of chunks) {
        await deps.stats.addChunk(tx, ctx.params.day, c);
        written += c.direct + c.group;
        skipped += c.scanned - c.direct - c.group;
      }
      return { written, skipped };
    },
  };
  return {
    name: 'daily-statistics',
    description:
      'A day of figures (in the job time zone): messages by room type, active users (DAU, WAU, MAU), signups, rooms created, peak connections',
    schedule: { cron: '10 0 * * *', missed: 'run-once' },
    timeoutMs: 2 * 3_600_000,
    retry: { attempts: 3, backoffMs: 5 * 60_000 },
    params: Type.Object(
      {
        day: Type.String({ pattern: DAY_PATTERN, description: 'YYYY-MM-DD; default: yesterday' }),
        chunkSize: Type.Integer({ minimum: 100, maximum: 100_000, default: 10_000 }),
      },
      { additionalProperties: false },
    ),
    check: (p) => (isDay(p.day) ? undefined : `day: ${p.day} is not a calendar day`),
    scheduledParams: (fire, timezone) => ({ day: addDays(dayOf(fire, timezone), -1) }),
    steps: [
      {
        kind: 'tasklet',
        name: 'reset-day',
        transactional: true,
        async run(ctx, tx) {
          await deps.stats.reset(tx!, ctx.params.day, ctx.timezone, ctx.executionId);
          return undefined;
        },
      },
      messages,
      {
        kind: 'tasklet',
        name: 'signups-rooms-peak',
        async run(ctx) {
          const range = rangeOf(ctx);
          const [signups, rooms, peak] = await Promise.all([
            deps.users.signups(range),
            deps.chat.roomsCreated(range),
            deps.chat.peakConnections(range),
          ]);
          await deps.stats.setCreated(ctx.params.day, signups, rooms, peak);
          return { read: 3, written: 3 };
        },
      },
      {
        kind: 'tasklet',
        name: 'active-users',
        async run(ctx) {
          await deps.stats.setActive(ctx.params.day);
          await ctx.log('info', `figures of ${ctx.params.day} (${ctx.timezone}) written`);
          return { written: 1 };
        },
      },
    ],
  };
}
