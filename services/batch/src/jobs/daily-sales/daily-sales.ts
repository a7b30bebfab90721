import type { StoreStatsClient } from '@chat/contracts';
import { Type } from '@sinclair/typebox';
import { addDays, DAY_PATTERN, dayOf, dayRange, isDay } from '../../schedule/zoned-day.ts';
import type { JobDefinition } from '../job.ts';
import type { DailySalesRepository } from './daily-sales.repository.ts';

export interface DailySalesParams {
  /** The day, in the job's time zone; default yesterday's (the day that just ended). */
  day: string;
}

export interface DailySalesDeps {
  readonly sales: DailySalesRepository;
  readonly store: StoreStatsClient;
}

/**
 * A day's sales of the emoticon store (in the job's time zone): orders paid, gifts among them,
 * refunds, revenue in points (paid minus refunded) and distinct buyers. The store aggregates
 * where its data is (one query); the day's row is replaced whole, so a run again of a day (a
 * re-run, a retry, a resumed run) makes it again rather than adding to it.
 */
export function dailySalesJob(deps: DailySalesDeps): JobDefinition<DailySalesParams> {
  return {
    name: 'daily-sales',
    description:
      "A day of the store's sales (in the job time zone): orders paid, gifts, refunds, revenue in points, buyers",
    schedule: { cron: '20 0 * * *', missed: 'run-once' },
    timeoutMs: 30 * 60_000,
    retry: { attempts: 3, backoffMs: 5 * 60_000 },
    params: Type.Object(
      { day: Type.String({ pattern: DAY_PATTERN, description: 'YYYY-MM-DD; default: yesterday' }) },
      { additionalProperties: false },
    ),
    check: (p) => (isDay(p.day) ? undefined : `day: ${p.day} is not a calendar day`),
    scheduledParams: (fire, timezone) => ({ day: addDays(dayOf(fire, timezone), -1) }),
    steps: [
      {
        // Not in the fenced transaction: the store may share this process's embedded database,
        // which an open transaction would hold while the store answers.
        kind: 'tasklet',
        name: 'sales',
        async run(ctx) {
          const { from, to } = dayRange(ctx.params.day, ctx.timezone);
          const sales = await deps.store.salesOfDay({ from: from.toISOString(), to: to.toISOString() });
          await deps.sales.upsert(ctx.params.day, ctx.timezone, ctx.executionId, sales);
          await ctx.log(
            'info',
            `sales of ${ctx.params.day} (${ctx.timezone}): ${sales.orders} orders (${sales.gifts} gifts), ${sales.refunds} refunds, revenue ${sales.revenue} points, ${sales.buyers} buyers`,
          );
          return { read: sales.orders + sales.refunds, written: 1 };
        },
      },
    ],
  };
}
