-- The SQL of services/social/src/rooms/visits.queries.ts, statement by statement, as sent ($1, $2, ... are bound values).
-- Written by scripts/sql-snapshots.test.ts; do not edit. After a query change run
-- UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots and commit this file with the change.

-- VISITS_SQL.record
insert into social.room_visits (owner_id, visitor_id, day)
values ($1, $2, (now() at time zone 'Asia/Seoul')::date)
on conflict do nothing
returning id, to_char(day, 'YYYY-MM-DD') as day;

-- VISITS_SQL.count
update social.rooms set
  today_count = case when today_day = $2::date then today_count + 1
                     when today_day < $2::date then 1
                     else today_count end,
  today_day = greatest(today_day, $2::date),
  total_count = total_count + 1,
  active_at = now()
where owner_id = $1;

-- VISITS_SQL.page
select id, visitor_id, to_char(day, 'YYYY-MM-DD') as day, visited_at from social.room_visits
 where owner_id = $1 and ($2::bigint is null or id < $2)
 order by id desc limit $3;
