/**
 * The SQL of message.repository.ts: the hot queries, written to use their indexes. Parameters
 * are always bound ($1, ...). Snapshot: services/chat/sql/message.sql
 * (`UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots`).
 */

/** The columns of the message a row answers (`r`, its sender `ru`), as MessageRow reads them. */
const REPLY_COLUMNS = `r.id as reply_to_id, r.seq as r_seq, r.sender_id as r_sender_id,
       case when ru.deleted then null else ru.nickname end as r_nickname,
       r.content as r_content, r.type as r_type, r.deleted_at as r_deleted_at`;

/**
 * Joins the message `alias` answers, and its sender. A lateral lookup with `limit 1` (the
 * primary key finds at most one) stays one index probe per row: as a plain join the planner
 * may hash the whole table, which PGlite (never analyzed) chose for the persistence batch.
 */
const joinReply = (alias: string) => `
    left join lateral (
      select r0.id, r0.seq, r0.sender_id, r0.content, r0.type, r0.deleted_at from chat.messages r0
       where r0.id = ${alias}.reply_to_id limit 1
    ) r on true
    left join chat.users ru on ru.id = r.sender_id`;

/** A message's columns as MessageRow reads them (`m`: chat.messages, `u`: chat.users). */
const MESSAGE_COLUMNS = `m.id, m.room_id, m.seq, m.sender_id, m.message_key, m.content, m.type, m.created_at,
       m.version, m.edited_at, m.deleted_at, m.change_seq, m.change_kind, m.reactions, m.mentions, m.system,
       m.attachment, m.emoticon_item_id, m.emoticon_index,
       case when u.deleted then null else u.nickname end as nickname,
       ${REPLY_COLUMNS}`;

/** Whom the message `m` is hidden from (members who blocked its sender in a 1:1 room). */
const HIDDEN_FOR = `(select array_agg(hm.user_id) from chat.hidden_messages hm where hm.message_id = m.id) as hidden_for`;

/** A message with its sender's nickname and the message it answers. */
const SELECT_MESSAGE = `
  select ${MESSAGE_COLUMNS}
    from chat.messages m
    left join chat.users u on u.id = m.sender_id${joinReply('m')}`;

/**
 * The persistence consumer's batch insert as ONE statement (one round trip, atomic on its
 * own): skip (sender, messageKey) pairs already stored or repeated in the batch, reserve a
 * block of seqs per room (rooms.last_seq), insert with seqs in batch order, move each
 * sender's read mark forward to their own newest message, and return every new message as
 * stored, with the sender's nickname, and the ids of earlier duplicates (`duplicate`, every
 * other column null: `storedAgain` reads them). In a 1:1 room whose other
 * side blocked the sender, a new message is hidden from that side: its `hidden_for` names them,
 * so live delivery leaves them out too. Their read mark stays where it is (the sender must not
 * see the message as read: that would tell them of the block); unread counts leave hidden
 * messages out instead (room.queries.ts). Members who had hidden the room (hidden until a newer
 * message) have it back: `revealed_to` names them on the room's new rows, to be told live.
 *
 * Parameters: $1 room ids, $2 sender ids, $3 message keys, $4 contents, $5 types,
 * $6 accepted-at times, $7 replied-to message ids (null for none), $8 mentioned user ids as
 * array literals ('{1,2}', null for none), $9 SYSTEM events as JSON text (null for others),
 * $10 attachments as JSON text (null for none), $11 and $12 EMOTICON messages' pack ids and
 * emoticon indexes (null for others); all in batch order. Commands for rooms that do not exist
 * are not stored (and not returned).
 */
const PERSIST_BATCH = `
with input as (
  select i.room_id, i.sender_id, i.message_key, i.content, i.type, i.accepted_at, i.reply_to_id,
         i.mentions::int8[] as mentions, i.system::jsonb as system, i.attachment::jsonb as attachment,
         i.emoticon_item_id, i.emoticon_index, i.ord
    from unnest($1::int8[], $2::int8[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::int8[],
                $8::text[], $9::text[], $10::text[], $11::int8[], $12::int2[])
    with ordinality as i(room_id, sender_id, message_key, content, type, accepted_at, reply_to_id, mentions,
                         system, attachment, emoticon_item_id, emoticon_index, ord)
), firsts as (
  select distinct on (sender_id, message_key) * from input order by sender_id, message_key, ord
), looked as (
  -- A scalar subquery: one probe of the (sender_id, message_key) index per command, never a
  -- hash of the whole table (which an anti-join may become).
  select f.*, (select m.id from chat.messages m
                where m.sender_id = f.sender_id and m.message_key = f.message_key) as existing_id
    from firsts f
), fresh as (
  select * from looked where existing_id is null
), counts as (
  select room_id, count(*)::int8 as n, max(accepted_at) as at from fresh group by room_id
), alloc as (
  update chat.rooms r set last_seq = r.last_seq + c.n, updated_at = greatest(r.updated_at, c.at)
    from counts c where r.id = c.room_id
  returning r.id as room_id, r.last_seq - c.n as first, r.direct_key, c.at
), seq_starts as materialized (
  -- One row: each room's first new seq, by room id. Looked up per message (a binary search of
  -- the object's keys): as a join of fresh and alloc, both estimated at one row, the planner
  -- makes a nested loop that compares every message with every room of the batch.
  select jsonb_object_agg(room_id::text, first) as first from alloc
), numbered as (
  select f.*, (a.first ->> f.room_id::text)::int8 + row_number() over (partition by f.room_id order by f.ord) as seq
    from fresh f cross join seq_starts a
   where a.first ? f.room_id::text
), ins as (
  insert into chat.messages (room_id, seq, sender_id, message_key, content, type, created_at, reply_to_id,
                             mentions, system, attachment, emoticon_item_id, emoticon_index)
  select room_id, seq, sender_id, message_key, content, type, accepted_at, reply_to_id, mentions, system,
         attachment, emoticon_item_id, emoticon_index
    from numbered order by ord
  returning id, room_id, seq, sender_id, message_key, content, type, created_at, version, edited_at,
            deleted_at, change_seq, change_kind, reactions, reply_to_id, mentions, system, attachment,
            emoticon_item_id, emoticon_index
), marks as (
  update chat.room_members m set last_read_seq = x.seq, last_read_message_id = x.id,
         hidden_at = case when m.hidden_at < x.created_at then null else m.hidden_at end
    from (select distinct on (room_id, sender_id) room_id, sender_id, seq, id, created_at
            from ins order by room_id, sender_id, seq desc) x
   where m.room_id = x.room_id and m.user_id = x.sender_id and m.last_read_seq < x.seq
  returning 1
), directs as materialized (
  -- One row: the batch's 1:1 rooms (most batches have few or none), so that only their
  -- messages go on to look for blocks.
  select array_agg(room_id) as ids from alloc where direct_key is not null
), blocked as (
  select i.id, i.room_id, i.seq, b.blocker_id from ins i
    join directs d on i.room_id = any (d.ids)
    join alloc a on a.room_id = i.room_id
    join chat.blocks b on b.blocked_id = i.sender_id
     and a.direct_key in (b.blocker_id || ':' || b.blocked_id, b.blocked_id || ':' || b.blocker_id)
), hides as (
  insert into chat.hidden_messages (user_id, room_id, message_id)
  select blocker_id, room_id, id from blocked
  on conflict do nothing
  returning 1
), revealed as (
  -- The other members who hid the room see it again with this newer message (the senders'
  -- rows are the marks' above, which also clear it: one update per row and statement); not
  -- a blocker, whose new messages here are all hidden (only the blocked one writes to them).
  update chat.room_members m set hidden_at = null
    from alloc a
   where m.room_id = a.room_id and m.hidden_at is not null and m.hidden_at < a.at
     and not exists (select 1 from fresh f where f.room_id = m.room_id and f.sender_id = m.user_id)
     and not exists (select 1 from blocked b where b.room_id = m.room_id and b.blocker_id = m.user_id)
  returning m.room_id, m.user_id
)
select i.id, i.room_id, i.seq, i.sender_id, i.message_key, i.content, i.type, i.created_at, i.version,
       i.edited_at, i.deleted_at, i.change_seq, i.change_kind, i.reactions, i.mentions, i.system, i.attachment,
       i.emoticon_item_id, i.emoticon_index,
       case when u.deleted then null else u.nickname end as nickname,
       ${REPLY_COLUMNS},
       (select array_agg(b.blocker_id) from blocked b where b.id = i.id) as hidden_for,
       (select array_agg(v.user_id) from revealed v where v.room_id = i.room_id) as revealed_to,
       false as duplicate
  from ins i left join chat.users u on u.id = i.sender_id${joinReply('i')}
union all
select e.existing_id, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
       null, null, null, null, null, null, null, null, null, null, null, null, null, true as duplicate
  from looked e
 where e.existing_id is not null
order by room_id, seq`;

/**
 * Messages stored earlier that a batch repeated (`persistBatch` returns only their ids: a
 * replay is rare, and its joins in that statement cost every batch 0.5 ms of planning in
 * PGlite). $1 message ids.
 */
const STORED_AGAIN = `
  select ${MESSAGE_COLUMNS},
         ${HIDDEN_FOR},
         null::int8[] as revealed_to,
         true as duplicate
    from chat.messages m
    left join chat.users u on u.id = m.sender_id${joinReply('m')}
   where m.id = any($1::int8[])`;

export const MESSAGE_SQL = {
  persistBatch: PERSIST_BATCH,
  storedAgain: STORED_AGAIN,

  /** $1 room, $2 limit: the newest messages. */
  latest: `${SELECT_MESSAGE}
   where m.room_id = $1
   order by m.id desc limit $2`,

  /** $1 room, $2 cursor, $3 limit: the newest messages older than the cursor. */
  before: `${SELECT_MESSAGE}
   where m.room_id = $1 and m.id < $2
   order by m.id desc limit $3`,

  /**
   * $1 room, $2 seq, $3 limit: oldest first after the seq (catch-up after a reconnect, and a
   * node's gap fill, which also needs whom each message is hidden from).
   */
  afterSeq: `select ${MESSAGE_COLUMNS},
         ${HIDDEN_FOR}
    from chat.messages m
    left join chat.users u on u.id = m.sender_id${joinReply('m')}
   where m.room_id = $1 and m.seq > $2
   order by m.seq asc limit $3`,

  /** $1 message, $2 room. */
  seqOf: 'select seq from chat.messages where id = $1 and room_id = $2',

  /** $1 message ids: those messages, newest first (message search reads its hits with this). */
  byIds: `${SELECT_MESSAGE}
   where m.id = any($1::int8[])
   order by m.id desc`,
} as const;

/**
 * Changes of a stored message (edit, unsend), applied by the persistence consumer one at a
 * time inside a transaction (message-changes.repository.ts), in log order with the messages.
 */
export const MESSAGE_CHANGE_SQL = {
  /** $1 actor, $2 change key: the change_seq of a change already applied (a replay or a retry). */
  applied: 'select change_seq from chat.message_changes where actor_id = $1 and change_key = $2',

  /** $1 message, $2 room: what the rules of a change look at (accept time). */
  target: 'select sender_id, type, created_at, deleted_at from chat.messages where id = $1 and room_id = $2',

  /** $1 message, $2 room: the same, the row locked until commit (apply time). */
  lockTarget: `select sender_id, type, created_at, deleted_at from chat.messages
   where id = $1 and room_id = $2 for update`,

  /** $1 room: the room's next change_seq (the room row is locked until commit: changes queue). */
  nextChangeSeq: `update chat.rooms set last_change_seq = last_change_seq + 1
   where id = $1 returning last_change_seq`,

  /** $1 message, $2 change_seq, $3 new content: an edit. */
  edit: `update chat.messages set content = $3, edited_at = now(), version = version + 1, change_seq = $2,
          change_kind = 'EDITED'
   where id = $1`,

  /**
   * $1 message, $2 change_seq: unsent for everyone; content, reactions, attachment (its bytes
   * are then the clean-up's) and emoticon go, the row stays in place.
   */
  unsend: `update chat.messages set content = '', reactions = null, attachment = null, emoticon_item_id = null,
          emoticon_index = null, deleted_at = now(),
          version = version + 1,
          change_seq = $2, change_kind = 'UNSENT'
   where id = $1`,

  /** $1 message: the reactions of an unsent message go with its content. */
  dropReactions: 'delete from chat.message_reactions where message_id = $1',

  /** $1 message, $2 user: their reaction now. */
  reactionOf: 'select reaction from chat.message_reactions where message_id = $1 and user_id = $2',

  /** $1 message, $2 user, $3 reaction: set (replacing theirs). */
  setReaction: `insert into chat.message_reactions (message_id, user_id, reaction) values ($1, $2, $3)
   on conflict (message_id, user_id) do update set reaction = excluded.reaction, reacted_at = now()`,

  /** $1 message, $2 user. */
  removeReaction: 'delete from chat.message_reactions where message_id = $1 and user_id = $2',

  /** $1 message, $2 change_seq: the summary rebuilt from the reactions, in order of first use. */
  summarizeReactions: `update chat.messages set reactions = (
     select jsonb_agg(jsonb_build_object('reaction', reaction, 'count', n, 'userIds', ids)
                      order by first_at, reaction)
       from (select reaction, count(*)::int as n, jsonb_agg(user_id order by reacted_at, user_id) as ids,
                    min(reacted_at) as first_at
               from chat.message_reactions where message_id = $1 group by reaction) r
   ), version = version + 1, change_seq = $2, change_kind = 'REACTED'
   where id = $1`,

  /** $1 actor, $2 change key, $3 room, $4 message, $5 change_seq, $6 kind. */
  record: `insert into chat.message_changes (actor_id, change_key, room_id, message_id, change_seq, kind)
   values ($1, $2, $3, $4, $5, $6)`,

  /** $1 message: its current state. */
  byId: `${SELECT_MESSAGE}
   where m.id = $1`,

  /** $1 room, $2 after change_seq, $3 limit: changed messages in change order (the changes catch-up). */
  changedAfter: `${SELECT_MESSAGE}
   where m.room_id = $1 and m.change_seq > $2
   order by m.change_seq asc limit $3`,

  /** $1 user, $2 room, $3 message: hidden from the user's view (idempotent). */
  hide: `insert into chat.hidden_messages (user_id, room_id, message_id) values ($1, $2, $3)
   on conflict do nothing`,

  /** $1 user, $2 room: the messages of the room the user hid. */
  hiddenIn: 'select message_id from chat.hidden_messages where user_id = $1 and room_id = $2',

  /** $1 room: its change counter. */
  lastChangeSeq: 'select last_change_seq from chat.rooms where id = $1',
} as const;
