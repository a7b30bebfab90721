import type { SalesFigures, StoreStatsClient, TimeRange } from '@chat/contracts';
import type { SqlDatabase } from '@chat/platform';
import { SALES_SQL } from './sales.queries.ts';

interface SalesRow {
  orders: number;
  gifts: number;
  refunds: number;
  /** bigint: a string from some drivers. */
  revenue: number | string;
  buyers: number;
}

/** StoreStatsClient over the store's own tables: what the batch service's daily-sales job reads. */
export function createStoreStats(db: SqlDatabase): StoreStatsClient {
  return {
    async salesOfDay(r: TimeRange): Promise<SalesFigures> {
      const { rows } = await db.query<SalesRow>(SALES_SQL.salesOfRange, [new Date(r.from), new Date(r.to)]);
      const row = rows[0]!;
      return {
        orders: Number(row.orders),
        gifts: Number(row.gifts),
        refunds: Number(row.refunds),
        revenue: Number(row.revenue),
        buyers: Number(row.buyers),
      };
    },
  };
}
