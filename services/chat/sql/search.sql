-- The SQL of services/chat/src/search/search.queries.ts, statement by statement, as sent ($1, $2, ... are bound values).
-- Written by scripts/sql-snapshots.test.ts; do not edit. After a query change run
-- UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots and commit this file with the change.

-- SEARCH_INDEX_SQL.take
select message_id from chat.search_pending
          order by message_id limit $1 for update skip locked;

-- SEARCH_INDEX_SQL.current
select id, room_id, content from chat.messages
             where id = any($1::int8[]) and deleted_at is null and type <> 'SYSTEM'
             for share;

-- SEARCH_INDEX_SQL.store
with done as (delete from chat.search_pending where message_id = any($1::int8[]))
insert into chat.message_search (message_id, room_id, content)
select * from unnest($2::int8[], $3::int8[], $4::text[])
on conflict (message_id) do update set content = excluded.content;

-- SEARCH_INDEX_SQL.backlog
select max(message_id) - min(message_id) + 1 as n from chat.search_pending;

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
  (select s.message_id as id, s.room_id from chat.message_search s
     join lateral (select m0.id, m0.room_id, m0.content, m0.type, m0.deleted_at from chat.messages m0
                  where m0.id = s.message_id limit 1) m on true
    where s.room_id = any($1::int8[])
      and array_to_tsvector(chat.search_pairs(s.content)) @@ chat.search_query($2)
      and strpos(lower(m.content), lower($2)) > 0
      and m.type <> 'SYSTEM' and m.deleted_at is null
     and not exists (select 1 from chat.hidden_messages h
                      where h.user_id = $3 and h.room_id = m.room_id and h.message_id = m.id) and s.message_id < $4
    order by s.message_id + 0 desc
    limit $5)
  union
  (select p.message_id, p.room_id from chat.search_pending p
     join lateral (select m0.id, m0.room_id, m0.content, m0.type, m0.deleted_at from chat.messages m0
                  where m0.id = p.message_id limit 1) m on true
    where p.room_id = any($1::int8[])
      and strpos(lower(m.content), lower($2)) > 0
      and m.type <> 'SYSTEM' and m.deleted_at is null
     and not exists (select 1 from chat.hidden_messages h
                      where h.user_id = $3 and h.room_id = m.room_id and h.message_id = m.id) and p.message_id < $4
    order by p.message_id desc
    limit $5)
  order by id desc
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
