-- The SQL of services/batch/src/jobs/daily-sales/daily-sales.queries.ts, statement by statement, as sent ($1, $2, ... are bound values).
-- Written by scripts/sql-snapshots.test.ts; do not edit. After a query change run
-- UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots and commit this file with the change.

-- DAILY_SALES_SQL.upsert
insert into batch.daily_sales
  (day, time_zone, execution_id, orders, gifts, refunds, revenue, buyers, computed_at)
values ($1::date, $2, $3, $4, $5, $6, $7, $8, now())
on conflict (day) do update
  set time_zone = excluded.time_zone, execution_id = excluded.execution_id,
      orders = excluded.orders, gifts = excluded.gifts, refunds = excluded.refunds,
      revenue = excluded.revenue, buyers = excluded.buyers, computed_at = excluded.computed_at;

-- DAILY_SALES_SQL.range
select to_char(day, 'YYYY-MM-DD') as day, time_zone, orders, gifts, refunds, revenue, buyers,
       computed_at
  from batch.daily_sales
 where day between $1::date and $2::date
 order by day;
