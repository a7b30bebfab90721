-- The SQL of services/chat/src/rooms/room.queries.ts, statement by statement, as sent ($1, $2, ... are bound values).
-- Written by scripts/sql-snapshots.test.ts; do not edit. After a query change run
-- UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots and commit this file with the change.

-- ROOM_SQL.roleOf
select role from chat.room_members where room_id = $1 and user_id = $2;

-- ROOM_SQL.setRole
update chat.room_members set role = $3 where room_id = $1 and user_id = $2;

-- ROOM_SQL.longestMember
select user_id from chat.room_members where room_id = $1
   order by joined_at, user_id limit 1;

-- ROOM_SQL.rename
update chat.rooms set name = $2 where id = $1;

-- ROOM_SQL.setImage
update chat.rooms set image_url = $2 where id = $1;

-- ROOM_SQL.close
update chat.rooms set closed_at = now() where id = $1 and closed_at is null returning id;

-- ROOM_SQL.settings
update chat.room_members set
     muted = coalesce($3::boolean, muted),
     pinned_at = case when $4::boolean is null then pinned_at when $4 then coalesce(pinned_at, now()) end,
     hidden_at = case when $5::boolean is null then hidden_at when $5 then now() end
   where room_id = $1 and user_id = $2;

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
select id, type, name, created_by, created_at, updated_at, last_seq, last_change_seq, member_count,
       image_url, closed_at
  from chat.rooms where id = $1;

-- ROOM_SQL.memberIds
select user_id from chat.room_members where room_id = $1;

-- ROOM_SQL.coMemberships
select other.room_id, other.user_id
  from chat.room_members mine
  join chat.room_members other on other.room_id = mine.room_id
 where mine.user_id = $1;

-- ROOM_SQL.members
select m.user_id, m.role, case when u.deleted then null else u.nickname end as nickname, coalesce(rm.id, m.last_read_message_id) as last_read_message_id
  from chat.room_members m
  left join chat.users u on u.id = m.user_id
  left join chat.messages rm on rm.room_id = m.room_id and rm.seq = m.last_read_seq
 where m.room_id = $1
 order by m.joined_at, m.user_id;

-- ROOM_SQL.listForUser
select r.id, r.name, r.type, r.member_count, r.updated_at, r.image_url, r.closed_at, m.muted, m.pinned_at,
       greatest(r.last_seq - m.last_read_seq - (
         select count(*) from chat.hidden_messages uh
           join chat.messages hm on hm.id = uh.message_id
          where uh.user_id = m.user_id and uh.room_id = r.id
            and uh.message_id > coalesce(m.last_read_message_id, 0) and hm.seq > m.last_read_seq), 0) as unread,
       (select count(*)::int from chat.messages um
         where um.room_id = r.id and um.seq > m.last_read_seq and um.mentions @> array[m.user_id]::int8[]
           and not exists (select 1 from chat.hidden_messages mh
                            where mh.user_id = m.user_id and mh.room_id = r.id and mh.message_id = um.id)
       ) as unread_mentions,
       lm.id as lm_id, lm.content as lm_content, lm.sender_id as lm_sender_id,
       case when lu.deleted then null else lu.nickname end as lm_nickname, lm.created_at as lm_created_at, lm.deleted_at as lm_deleted_at,
       (lh.message_id is not null) as lm_hidden,
       peer.user_id as peer_id, case when pu.deleted then null else pu.nickname end as peer_nickname
  from chat.room_members m
  join chat.rooms r on r.id = m.room_id
  left join chat.messages lm on lm.room_id = r.id and lm.seq = r.last_seq
  left join chat.users lu on lu.id = lm.sender_id
  left join chat.hidden_messages lh on lh.user_id = m.user_id and lh.room_id = r.id and lh.message_id = lm.id
  left join lateral (
    select o.user_id from chat.room_members o
     where o.room_id = r.id and o.user_id <> m.user_id and r.type = 'DIRECT' limit 1
  ) peer on true
  left join chat.users pu on pu.id = peer.user_id
 where m.user_id = $1 and (m.hidden_at is null or (lm.created_at > m.hidden_at and lh.message_id is null))
 order by m.pinned_at desc nulls last, r.updated_at desc, r.id desc;

-- ROOM_SQL.listItem
select r.id, r.name, r.type, r.member_count, r.updated_at, r.image_url, r.closed_at, m.muted, m.pinned_at,
       greatest(r.last_seq - m.last_read_seq - (
         select count(*) from chat.hidden_messages uh
           join chat.messages hm on hm.id = uh.message_id
          where uh.user_id = m.user_id and uh.room_id = r.id
            and uh.message_id > coalesce(m.last_read_message_id, 0) and hm.seq > m.last_read_seq), 0) as unread,
       (select count(*)::int from chat.messages um
         where um.room_id = r.id and um.seq > m.last_read_seq and um.mentions @> array[m.user_id]::int8[]
           and not exists (select 1 from chat.hidden_messages mh
                            where mh.user_id = m.user_id and mh.room_id = r.id and mh.message_id = um.id)
       ) as unread_mentions,
       lm.id as lm_id, lm.content as lm_content, lm.sender_id as lm_sender_id,
       case when lu.deleted then null else lu.nickname end as lm_nickname, lm.created_at as lm_created_at, lm.deleted_at as lm_deleted_at,
       (lh.message_id is not null) as lm_hidden,
       peer.user_id as peer_id, case when pu.deleted then null else pu.nickname end as peer_nickname
  from chat.room_members m
  join chat.rooms r on r.id = m.room_id
  left join chat.messages lm on lm.room_id = r.id and lm.seq = r.last_seq
  left join chat.users lu on lu.id = lm.sender_id
  left join chat.hidden_messages lh on lh.user_id = m.user_id and lh.room_id = r.id and lh.message_id = lm.id
  left join lateral (
    select o.user_id from chat.room_members o
     where o.room_id = r.id and o.user_id <> m.user_id and r.type = 'DIRECT' limit 1
  ) peer on true
  left join chat.users pu on pu.id = peer.user_id
 where m.user_id = $1 and m.room_id = $2;

-- ROOM_SQL.advanceReadMark
update chat.room_members set last_read_seq = $3, last_read_message_id = $4
 where room_id = $1 and user_id = $2 and last_read_seq < $3;
