/**
 * The SQL of daily-sales.repository.ts: batch.daily_sales. Parameters are always bound.
 * Snapshot: services/batch/sql/daily-sales.sql (`UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots`).
 */
export const DAILY_SALES_SQL = {
  /**
   * $1 day, $2 time zone, $3 execution id, $4 orders, $5 gifts, $6 refunds, $7 revenue,
   * $8 buyers: the day's row, made again whole (a second run of a day replaces it).
   */
  upsert: `
    insert into batch.daily_sales
      (day, time_zone, execution_id, orders, gifts, refunds, revenue, buyers, computed_at)
    values ($1::date, $2, $3, $4, $5, $6, $7, $8, now())
    on conflict (day) do update
      set time_zone = excluded.time_zone, execution_id = excluded.execution_id,
          orders = excluded.orders, gifts = excluded.gifts, refunds = excluded.refunds,
          revenue = excluded.revenue, buyers = excluded.buyers, computed_at = excluded.computed_at`,

  /** $1 from day, $2 to day (both included). */
  range: `
    select to_char(day, 'YYYY-MM-DD') as day, time_zone, orders, gifts, refunds, revenue, buyers,
           computed_at
      from batch.daily_sales
     where day between $1::date and $2::date
     order by day`,
} as const;
