-- The SQL of services/chat/src/users/last-seen.queries.ts, statement by statement, as sent ($1, $2, ... are bound values).
-- Written by scripts/sql-snapshots.test.ts; do not edit. After a query change run
-- UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots and commit this file with the change.

-- LAST_SEEN_SQL.markSeen
update chat.users set last_seen_at = now() where id = $1 returning last_seen_at, show_last_seen;

-- LAST_SEEN_SQL.setShown
update chat.users set show_last_seen = $2 where id = $1;

-- LAST_SEEN_SQL.shown
select show_last_seen from chat.users where id = $1;

-- LAST_SEEN_SQL.ofRoom
select m.user_id, case when u.show_last_seen then u.last_seen_at end as last_seen_at
      from chat.room_members m left join chat.users u on u.id = m.user_id
     where m.room_id = $1
     order by m.user_id;
