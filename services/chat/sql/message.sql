-- The SQL of services/chat/src/messages/message.queries.ts, statement by statement, as sent ($1, $2, ... are bound values).
-- Written by scripts/sql-snapshots.test.ts; do not edit. After a query change run
-- UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots and commit this file with the change.

-- MESSAGE_SQL.persistBatch
with input as (
  select * from unnest($1::int8[], $2::int8[], $3::text[], $4::text[], $5::text[], $6::timestamptz[])
    with ordinality as i(room_id, sender_id, message_key, content, type, accepted_at, ord)
), firsts as (
  select distinct on (sender_id, message_key) * from input order by sender_id, message_key, ord
), existing as (
  select m.id from firsts f
    join chat.messages m on m.sender_id = f.sender_id and m.message_key = f.message_key
), fresh as (
  select f.* from firsts f
   where not exists (
     select 1 from chat.messages m where m.sender_id = f.sender_id and m.message_key = f.message_key)
), counts as (
  select room_id, count(*)::int8 as n, max(accepted_at) as at from fresh group by room_id
), alloc as (
  update chat.rooms r set last_seq = r.last_seq + c.n, updated_at = greatest(r.updated_at, c.at)
    from counts c where r.id = c.room_id
  returning r.id as room_id, r.last_seq - c.n as first
), numbered as (
  select f.*, a.first + row_number() over (partition by f.room_id order by f.ord) as seq
    from fresh f join alloc a on a.room_id = f.room_id
), ins as (
  insert into chat.messages (room_id, seq, sender_id, message_key, content, type, created_at)
  select room_id, seq, sender_id, message_key, content, type, accepted_at from numbered order by ord
  returning id, room_id, seq, sender_id, message_key, content, type, created_at
), marks as (
  update chat.room_members m set last_read_seq = x.seq, last_read_message_id = x.id
    from (select distinct on (room_id, sender_id) room_id, sender_id, seq, id
            from ins order by room_id, sender_id, seq desc) x
   where m.room_id = x.room_id and m.user_id = x.sender_id and m.last_read_seq < x.seq
  returning 1
)
select i.id, i.room_id, i.seq, i.sender_id, i.message_key, i.content, i.type, i.created_at, u.nickname,
       false as duplicate
  from ins i left join chat.users u on u.id = i.sender_id
union all
select m.id, m.room_id, m.seq, m.sender_id, m.message_key, m.content, m.type, m.created_at, u.nickname,
       true as duplicate
  from existing e join chat.messages m on m.id = e.id left join chat.users u on u.id = m.sender_id
order by room_id, seq;

-- MESSAGE_SQL.latest
select m.id, m.room_id, m.seq, m.sender_id, m.message_key, m.content, m.type, m.created_at, u.nickname
  from chat.messages m
  left join chat.users u on u.id = m.sender_id
 where m.room_id = $1
 order by m.id desc limit $2;

-- MESSAGE_SQL.before
select m.id, m.room_id, m.seq, m.sender_id, m.message_key, m.content, m.type, m.created_at, u.nickname
  from chat.messages m
  left join chat.users u on u.id = m.sender_id
 where m.room_id = $1 and m.id < $2
 order by m.id desc limit $3;

-- MESSAGE_SQL.afterSeq
select m.id, m.room_id, m.seq, m.sender_id, m.message_key, m.content, m.type, m.created_at, u.nickname
  from chat.messages m
  left join chat.users u on u.id = m.sender_id
 where m.room_id = $1 and m.seq > $2
 order by m.seq asc limit $3;

-- MESSAGE_SQL.seqOf
select seq from chat.messages where id = $1 and room_id = $2;

-- MESSAGE_SQL.search
select m.id, m.room_id, m.seq, m.sender_id, m.message_key, m.content, m.type, m.created_at, u.nickname
  from chat.messages m
  left join chat.users u on u.id = m.sender_id
 where m.room_id = $1 and m.type <> 'SYSTEM' and m.content ilike $2 escape '\'
 order by m.id desc limit $3;
