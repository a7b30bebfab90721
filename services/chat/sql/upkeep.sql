-- The SQL of services/chat/src/upkeep/upkeep.queries.ts, statement by statement, as sent ($1, $2, ... are bound values).
-- Written by scripts/sql-snapshots.test.ts; do not edit. After a query change run
-- UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots and commit this file with the change.

-- UPKEEP_SQL.membersAfter
select distinct user_id from chat.room_members
 where user_id > $1
 order by user_id
 limit $2;
