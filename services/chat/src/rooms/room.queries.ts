/**
 * The SQL of room.repository.ts: rooms and memberships. Parameters are always bound ($1, ...).
 * Snapshot: services/chat/sql/room.sql (`UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots`).
 */

/** The room list's columns, for one member (`m`) per row. */
const LIST_SELECT = `
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
    left join chat.users pu on pu.id = peer.user_id`;

export const ROOM_SQL = {
  /** $1 room, $2 user ids, $3 role. New members start with everything before their arrival read. */
  addMembers: `
    insert into chat.room_members (room_id, user_id, role, last_read_seq)
    select $1, u, $3, (select last_seq from chat.rooms where id = $1) from unnest($2::bigint[]) as u
    on conflict (room_id, user_id) do nothing`,

  /** $1 room. */
  recount: `
    update chat.rooms set member_count = (select count(*) from chat.room_members where room_id = $1),
           updated_at = now()
     where id = $1`,

  /** $1 creator, $2 direct key (`lowerId:higherId`); no row when the pair's room exists. */
  insertDirect: `
    insert into chat.rooms (type, name, created_by, direct_key) values ('DIRECT', null, $1, $2)
    on conflict (direct_key) do nothing
    returning id`,

  /** $1 direct key. */
  findDirect: 'select id from chat.rooms where direct_key = $1',

  /** $1 name, $2 owner. */
  insertGroup: `insert into chat.rooms (type, name, created_by) values ('GROUP', $1, $2) returning id`,

  /** $1 room, $2 user. */
  removeMember: 'delete from chat.room_members where room_id = $1 and user_id = $2',

  /** $1 room. */
  find: `
    select id, type, name, created_by, created_at, updated_at, last_seq, member_count
      from chat.rooms where id = $1`,

  /** $1 room. */
  memberIds: 'select user_id from chat.room_members where room_id = $1',

  /** $1 user: (room, member) pairs of every room the user is in, the user included. */
  coMemberships: `
    select other.room_id, other.user_id
      from chat.room_members mine
      join chat.room_members other on other.room_id = mine.room_id
     where mine.user_id = $1`,

  /**
   * $1 room. The read position as a message id, from the read seq: a member who joined later
   * has everything before their arrival read (their mark is the room's seq at that moment).
   */
  members: `
    select m.user_id, m.role, u.nickname, coalesce(rm.id, m.last_read_message_id) as last_read_message_id
      from chat.room_members m
      left join chat.users u on u.id = m.user_id
      left join chat.messages rm on rm.room_id = m.room_id and rm.seq = m.last_read_seq
     where m.room_id = $1
     order by m.joined_at, m.user_id`,

  /** $1 user: their rooms, most recent activity first. */
  listForUser: `${LIST_SELECT}
   where m.user_id = $1
   order by r.updated_at desc, r.id desc`,

  /** $1 user, $2 room. */
  listItem: `${LIST_SELECT}
   where m.user_id = $1 and m.room_id = $2`,

  /** $1 room, $2 user, $3 seq, $4 message id: moves the read mark forward only. */
  advanceReadMark: `
    update chat.room_members set last_read_seq = $3, last_read_message_id = $4
     where room_id = $1 and user_id = $2 and last_read_seq < $3`,
} as const;
