-- The SQL of services/chat/src/export/export.queries.ts, statement by statement, as sent ($1, $2, ... are bound values).
-- Written by scripts/sql-snapshots.test.ts; do not edit. After a query change run
-- UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots and commit this file with the change.

-- EXPORT_SQL.rooms
select r.id, r.type, r.name, m.role, m.joined_at, r.member_count, r.closed_at
  from chat.room_members m
  join chat.rooms r on r.id = m.room_id
 where m.user_id = $1 and m.room_id > $2
 order by m.room_id
 limit $3;

-- EXPORT_SQL.messages
select id, room_id, seq, type, content, created_at, edited_at, deleted_at, reply_to_id
  from chat.messages
 where sender_id = $1 and id > $2 and type <> 'SYSTEM'
 order by id
 limit $3;
