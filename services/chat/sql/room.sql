-- The SQL of services/chat/src/rooms/room.queries.ts, statement by statement, as sent ($1, $2, ... are bound values).
-- Written by scripts/sql-snapshots.test.ts; do not edit. After a query change run
-- UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots and commit this file with the change.

-- ROOM_SQL.addMembers
insert into chat.room_members (room_id, user_id, role, last_read_seq)
select $1, u, $3, (select last_seq from chat.rooms where id = $1) from unnest($2::bigint[]) as u
on conflict (room_id, user_id) do nothing;

-- ROOM_SQL.recount
update chat.rooms set member_count = (select count(*) from chat.room_members where room_id = $1),
       updated_at = now()
 where id = $1;

-- ROOM_SQL.insertDirect
insert into chat.rooms (type, name, created_by, direct_key) values ('DIRECT', null, $1, $2)
on conflict (direct_key) do nothing
returning id;

-- ROOM_SQL.findDirect
select id from chat.rooms where direct_key = $1;

-- ROOM_SQL.insertGroup
insert into chat.rooms (type, name, created_by) values ('GROUP', $1, $2) returning id;

-- ROOM_SQL.removeMember
delete from chat.room_members where room_id = $1 and user_id = $2;

-- ROOM_SQL.find
select id, type, name, created_by, created_at, updated_at, last_seq, member_count
  from chat.rooms where id = $1;

-- ROOM_SQL.memberIds
select user_id from chat.room_members where room_id = $1;

-- ROOM_SQL.coMemberships
select other.room_id, other.user_id
  from chat.room_members mine
  join chat.room_members other on other.room_id = mine.room_id
 where mine.user_id = $1;

-- ROOM_SQL.members
select m.user_id, m.role, u.nickname, coalesce(rm.id, m.last_read_message_id) as last_read_message_id
  from chat.room_members m
  left join chat.users u on u.id = m.user_id
  left join chat.messages rm on rm.room_id = m.room_id and rm.seq = m.last_read_seq
 where m.room_id = $1
 order by m.joined_at, m.user_id;

-- ROOM_SQL.listForUser
select r.id, r.name, r.type, r.member_count, r.updated_at,
       greatest(r.last_seq - m.last_read_seq, 0) as unread,
       lm.id as lm_id, lm.content as lm_content, lm.sender_id as lm_sender_id,
       lu.nickname as lm_nickname, lm.created_at as lm_created_at,
       peer.user_id as peer_id, pu.nickname as peer_nickname
  from chat.room_members m
  join chat.rooms r on r.id = m.room_id
  left join chat.messages lm on lm.room_id = r.id and lm.seq = r.last_seq
  left join chat.users lu on lu.id = lm.sender_id
  left join lateral (
    select o.user_id from chat.room_members o
     where o.room_id = r.id and o.user_id <> m.user_id and r.type = 'DIRECT' limit 1
  ) peer on true
  left join chat.users pu on pu.id = peer.user_id
 where m.user_id = $1
 order by r.updated_at desc, r.id desc;

-- ROOM_SQL.listItem
select r.id, r.name, r.type, r.member_count, r.updated_at,
       greatest(r.last_seq - m.last_read_seq, 0) as unread,
       lm.id as lm_id, lm.content as lm_content, lm.sender_id as lm_sender_id,
       lu.nickname as lm_nickname, lm.created_at as lm_created_at,
       peer.user_id as peer_id, pu.nickname as peer_nickname
  from chat.room_members m
  join chat.rooms r on r.id = m.room_id
  left join chat.messages lm on lm.room_id = r.id and lm.seq = r.last_seq
  left join chat.users lu on lu.id = lm.sender_id
  left join lateral (
    select o.user_id from chat.room_members o
     where o.room_id = r.id and o.user_id <> m.user_id and r.type = 'DIRECT' limit 1
  ) peer on true
  left join chat.users pu on pu.id = peer.user_id
 where m.user_id = $1 and m.room_id = $2;

-- ROOM_SQL.advanceReadMark
update chat.room_members set last_read_seq = $3, last_read_message_id = $4
 where room_id = $1 and user_id = $2 and last_read_seq < $3;
