-- The SQL of services/chat/src/search/search.queries.ts, statement by statement, as sent ($1, $2, ... are bound values).
-- Written by scripts/sql-snapshots.test.ts; do not edit. After a query change run
-- UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots and commit this file with the change.

-- SEARCH_SQL.roomsOf
select room_id from chat.room_members where user_id = $1;

-- SEARCH_SQL.recent
with recent as (
  select m.id, m.room_id, m.content, m.type, m.deleted_at from chat.messages m
   where m.room_id = any($1::int8[]) and m.id < $4
   order by m.id desc
   limit $6
), hits as (
  select w.id, w.room_id from recent w
   where strpos(lower(w.content), lower($2)) > 0
     and w.type <> 'SYSTEM' and w.deleted_at is null
     and not exists (select 1 from chat.hidden_messages h
                      where h.user_id = $3 and h.room_id = w.room_id and h.message_id = w.id)
   order by w.id desc
   limit $5
)
select h.id, r.id as room_id, r.name as room_name, r.type as room_type,
       peer.user_id as peer_id, pu.nickname as peer_nickname
  from hits h
  join chat.rooms r on r.id = h.room_id
  left join lateral (
    select o.user_id from chat.room_members o
     where o.room_id = r.id and o.user_id <> $3 and r.type = 'DIRECT' limit 1
  ) peer on true
  left join chat.users pu on pu.id = peer.user_id
 order by h.id desc;

-- SEARCH_SQL.indexed
with hits as (
  select m.id, m.room_id from chat.messages m
   where m.room_id = any($1::int8[])
     and array_to_tsvector(chat.search_pairs(m.content)) @@ chat.search_query($2)
     and strpos(lower(m.content), lower($2)) > 0
     and m.type <> 'SYSTEM' and m.deleted_at is null
     and not exists (select 1 from chat.hidden_messages h
                      where h.user_id = $3 and h.room_id = m.room_id and h.message_id = m.id) and m.id < $4
   order by m.id + 0 desc
   limit $5
)
select h.id, r.id as room_id, r.name as room_name, r.type as room_type,
       peer.user_id as peer_id, pu.nickname as peer_nickname
  from hits h
  join chat.rooms r on r.id = h.room_id
  left join lateral (
    select o.user_id from chat.room_members o
     where o.room_id = r.id and o.user_id <> $3 and r.type = 'DIRECT' limit 1
  ) peer on true
  left join chat.users pu on pu.id = peer.user_id
 order by h.id desc;
