/**
 * The SQL of sales.repository.ts: the store's sales figures for the batch service's daily-sales
 * job. Parameters are always bound. Snapshot: services/store/sql/sales.sql
 * (`UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots`).
 */
export const SALES_SQL = {
  /**
   * $1 from, $2 to: orders paid in [from, to) (still paid, fulfilled or refunded since; the
   * `orders_paid_at` index), of which gifts, and their distinct buyers; orders refunded in it,
   * whenever they were paid; revenue, the points paid minus the points refunded.
   */
  salesOfRange: `
    with paid as (
      select buyer_id, recipient_id, price
        from store.orders
       where paid_at >= $1 and paid_at < $2 and status in ('PAID', 'FULFILLED', 'REFUNDED')),
    refunded as (
      select price
        from store.orders
       where status = 'REFUNDED' and closed_at >= $1 and closed_at < $2)
    select (select count(*)::int from paid) as orders,
           (select count(*)::int from paid where recipient_id is not null) as gifts,
           (select count(*)::int from refunded) as refunds,
           (select coalesce(sum(price), 0)::bigint from paid)
             - (select coalesce(sum(price), 0)::bigint from refunded) as revenue,
           (select count(distinct buyer_id)::int from paid) as buyers`,
} as const;
