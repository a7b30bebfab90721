-- The SQL of services/chat/src/stats/stats.queries.ts, statement by statement, as sent ($1, $2, ... are bound values).
-- Written by scripts/sql-snapshots.test.ts; do not edit. After a query change run
-- UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots and commit this file with the change.

-- STATS_SQL.messageIdRange
select min(id) as first_id, max(id) as last_id
  from chat.messages
 where created_at >= $1 and created_at < $2;

-- STATS_SQL.messageChunk
with chunk as (
  select id, room_id, sender_id, type, created_at
    from chat.messages
   where id > $3 and id <= $4
   order by id
   limit $5),
counted as (
  select c.sender_id, r.type as room_type
    from chunk c join chat.rooms r on r.id = c.room_id
   where c.created_at >= $1 and c.created_at < $2 and c.type <> 'SYSTEM')
select (select max(id) from chunk) as last_id,
       (select count(*)::int from chunk) as scanned,
       (select count(*)::int from counted where room_type = 'DIRECT') as direct,
       (select count(*)::int from counted where room_type <> 'DIRECT') as "group",
       coalesce((select array_agg(distinct sender_id) from counted), '{}') as senders;

-- STATS_SQL.roomsCreated
select count(*)::int as count from chat.rooms
 where created_at >= $1 and created_at < $2;
