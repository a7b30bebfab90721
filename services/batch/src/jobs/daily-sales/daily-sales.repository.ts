import type { SalesFigures } from '@chat/contracts';
import type { SqlDatabase } from '@chat/platform';
import { DAILY_SALES_SQL } from './daily-sales.queries.ts';

export interface DailySalesRow {
  day: string;
  time_zone: string;
  orders: number;
  gifts: number;
  refunds: number;
  /** bigint: a string from some drivers. */
  revenue: number | string;
  buyers: number;
  computed_at: Date;
}

/** The daily-sales job's table. */
export function createDailySalesRepository(db: SqlDatabase) {
  return {
    /** The day's row, replaced whole. */
    async upsert(day: string, timezone: string, executionId: number, s: SalesFigures): Promise<void> {
      await db.query(DAILY_SALES_SQL.upsert, [
        day,
        timezone,
        executionId,
        s.orders,
        s.gifts,
        s.refunds,
        s.revenue,
        s.buyers,
      ]);
    },
    async range(from: string, to: string): Promise<DailySalesRow[]> {
      return (await db.query<DailySalesRow>(DAILY_SALES_SQL.range, [from, to])).rows;
    },
  };
}

export type DailySalesRepository = ReturnType<typeof createDailySalesRepository>;
