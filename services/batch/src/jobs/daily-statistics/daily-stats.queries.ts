/**
 * The SQL of daily-stats.repository.ts: batch.daily_stats and batch.daily_active_users.
 * Parameters are always bound. Snapshot: services/batch/sql/daily-stats.sql
 * (`UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots`).
 */
export const DAILY_STATS_SQL = {
  /** $1 day: the day's active users, before its row is made again. */
  clearActive: 'delete from batch.daily_active_users where day = $1::date',

  /** $1 day, $2 time zone, $3 execution id: the day's row, counts at zero. */
  reset: `
    insert into batch.daily_stats (day, time_zone, execution_id)
    values ($1::date, $2, $3)
    on conflict (day) do update
      set time_zone = excluded.time_zone, execution_id = excluded.execution_id,
          messages_direct = 0, messages_group = 0, active_users = null, weekly_active = null,
          monthly_active = null, signups = null, rooms_created = null, peak_connections = null,
          computed_at = null`,

  /** $1 day, $2 direct, $3 group: one chunk's messages added. */
  addMessages: `
    update batch.daily_stats
       set messages_direct = messages_direct + $2, messages_group = messages_group + $3
     where day = $1::date`,

  /** $1 day, $2 user ids. */
  addActive: `
    insert into batch.daily_active_users (day, user_id)
    select $1::date, unnest($2::bigint[])
    on conflict do nothing`,

  /** $1 day, $2 signups, $3 rooms created, $4 peak connections. */
  setCreated: `
    update batch.daily_stats set signups = $2, rooms_created = $3, peak_connections = $4
     where day = $1::date`,

  /** $1 day: DAU, and distinct users over the 7 and 30 days ending with it. */
  setActive: `
    update batch.daily_stats
       set active_users = (select count(*) from batch.daily_active_users where day = $1::date),
           weekly_active = (select count(distinct user_id) from batch.daily_active_users
                             where day between $1::date - 6 and $1::date),
           monthly_active = (select count(distinct user_id) from batch.daily_active_users
                              where day between $1::date - 29 and $1::date),
           computed_at = now()
     where day = $1::date`,

  /** $1 from day, $2 to day (both included). */
  range: `
    select to_char(day, 'YYYY-MM-DD') as day, time_zone, messages_direct, messages_group,
           active_users, weekly_active, monthly_active, signups, rooms_created, peak_connections,
           computed_at
      from batch.daily_stats
     where day between $1::date and $2::date
     order by day`,
} as const;
