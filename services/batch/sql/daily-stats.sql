-- The SQL of services/batch/src/jobs/daily-statistics/daily-stats.queries.ts, statement by statement, as sent ($1, $2, ... are bound values).
-- Written by scripts/sql-snapshots.test.ts; do not edit. After a query change run
-- UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots and commit this file with the change.

-- DAILY_STATS_SQL.clearActive
delete from batch.daily_active_users where day = $1::date;

-- DAILY_STATS_SQL.reset
insert into batch.daily_stats (day, time_zone, execution_id)
values ($1::date, $2, $3)
on conflict (day) do update
  set time_zone = excluded.time_zone, execution_id = excluded.execution_id,
      messages_direct = 0, messages_group = 0, active_users = null, weekly_active = null,
      monthly_active = null, signups = null, rooms_created = null, peak_connections = null,
      computed_at = null;

-- DAILY_STATS_SQL.addMessages
update batch.daily_stats
   set messages_direct = messages_direct + $2, messages_group = messages_group + $3
 where day = $1::date;

-- DAILY_STATS_SQL.addActive
insert into batch.daily_active_users (day, user_id)
select $1::date, unnest($2::bigint[])
on conflict do nothing;

-- DAILY_STATS_SQL.setCreated
update batch.daily_stats set signups = $2, rooms_created = $3, peak_connections = $4
 where day = $1::date;

-- DAILY_STATS_SQL.setActive
update batch.daily_stats
   set active_users = (select count(*) from batch.daily_active_users where day = $1::date),
       weekly_active = (select count(distinct user_id) from batch.daily_active_users
                         where day between $1::date - 6 and $1::date),
       monthly_active = (select count(distinct user_id) from batch.daily_active_users
                          where day between $1::date - 29 and $1::date),
       computed_at = now()
 where day = $1::date;

-- DAILY_STATS_SQL.range
select to_char(day, 'YYYY-MM-DD') as day, time_zone, messages_direct, messages_group,
       active_users, weekly_active, monthly_active, signups, rooms_created, peak_connections,
       computed_at
  from batch.daily_stats
 where day between $1::date and $2::date
 order by day;
