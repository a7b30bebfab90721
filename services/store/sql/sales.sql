-- The SQL of services/store/src/stats/sales.queries.ts, statement by statement, as sent ($1, $2, ... are bound values).
-- Written by scripts/sql-snapshots.test.ts; do not edit. After a query change run
-- UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots and commit this file with the change.

-- SALES_SQL.salesOfRange
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
       (select count(distinct buyer_id)::int from paid) as buyers;
