/**
 * The SQL of search.repository.ts: message search over the character-pair index of
 * migrations/012_search_pairs.sql. Parameters are always bound ($1, ...). Snapshot:
 * services/chat/sql/search.sql (`UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots`).
 */

/** The hits' rooms as a result names them (a DIRECT room's peer is the other member). */
const NAMED = `
select h.id, r.id as room_id, r.name as room_name, r.type as room_type,
       peer.user_id as peer_id, pu.nickname as peer_nickname
  from hits h
  join chat.rooms r on r.id = h.room_id
  left join lateral (
    select o.user_id from chat.room_members o
     where o.room_id = r.id and o.user_id <> $3 and r.type = 'DIRECT' limit 1
  ) peer on true
  left join chat.users pu on pu.id = peer.user_id
 order by h.id desc`;

/** What a match must also be: a person's message, not unsent, not deleted for the searcher. */
const SHOWN = (m: string) => `${m}.type <> 'SYSTEM' and ${m}.deleted_at is null
     and not exists (select 1 from chat.hidden_messages h
                      where h.user_id = $3 and h.room_id = ${m}.room_id and h.message_id = ${m}.id)`;

/**
 * A search runs in two steps (search.repository.ts). Step 1: the newest messages of the rooms
 * (at most $6, walked newest first through the primary key or the (room_id, id) index), tested
 * with `strpos` over the lowercased text, the exact substring test (no pattern characters).
 * Common and mid-frequency terms are answered here in a few milliseconds, however many
 * messages hold them elsewhere.
 *
 * Parameters of both: $1 room ids, $2 the query text, $3 the searching user, $4 only ids
 * below this (the cursor), $5 limit; here $6 the window.
 */
const RECENT = `
with recent as (
  select m.id, m.room_id, m.content, m.type, m.deleted_at from chat.messages m
   where m.room_id = any($1::int8[]) and m.id < $4
   order by m.id desc
   limit $6
), hits as (
  select w.id, w.room_id from recent w
   where strpos(lower(w.content), lower($2)) > 0
     and ${SHOWN('w')}
   order by w.id desc
   limit $5
)${NAMED}`;

/**
 * Step 2, when step 1 found fewer than the limit (a rare term, or rooms whose newest messages
 * do not hold it), over what the search indexer indexed and what it has not yet:
 * - indexed: chat.message_search's character pairs `@@` the query's (`012_search_pairs.sql`,
 *   `016_search_indexer.sql`) through its GIN index, ANDed with its (room_id, message_id)
 *   index. Ordering by `s.message_id + 0` keeps the planner from walking the b-tree backwards
 *   hoping for a match soon: step 1 just showed that matches are sparse among the newest.
 * - pending: the messages stored since (chat.search_pending, few unless a burst is being
 *   absorbed), each tested directly.
 * Every candidate is confirmed with `strpos` on the message's current text (the indexed copy
 * may predate an edit, which queued the message again: UNION drops the double). query/plan
 * tests check neither step scans chat.messages.
 */
/** The message `alias` names, looked up by its id (one probe of the primary key). */
const MESSAGE_OF = (id: string) =>
  `join lateral (select m0.id, m0.room_id, m0.content, m0.type, m0.deleted_at from chat.messages m0
                  where m0.id = ${id} limit 1) m on true`;

const INDEXED = `
with hits as (
  (select s.message_id as id, s.room_id from chat.message_search s
     ${MESSAGE_OF('s.message_id')}
    where s.room_id = any($1::int8[])
      and array_to_tsvector(chat.search_pairs(s.content)) @@ chat.search_query($2)
      and strpos(lower(m.content), lower($2)) > 0
      and ${SHOWN('m')} and s.message_id < $4
    order by s.message_id + 0 desc
    limit $5)
  union
  (select p.message_id, p.room_id from chat.search_pending p
     ${MESSAGE_OF('p.message_id')}
    where p.room_id = any($1::int8[])
      and strpos(lower(m.content), lower($2)) > 0
      and ${SHOWN('m')} and p.message_id < $4
    order by p.message_id desc
    limit $5)
  order by id desc
  limit $5
)${NAMED}`;

/**
 * The search indexer's statements (search-indexer.ts). A batch is one transaction: take the
 * oldest pending messages (SKIP LOCKED: another node's batch takes others), lock the messages
 * FOR SHARE and read their current text, then index it (replacing an older copy: an edit queues
 * a message again) and drop them from the queue. The message is locked before its queue row is
 * deleted, the order an edit takes too (message, then queue row), so neither waits on the other
 * in a cycle; an unsend waits for the batch and then deletes the copy it made (016's trigger).
 */
export const SEARCH_INDEX_SQL = {
  /** $1 batch size: the oldest pending messages, locked for this batch. */
  take: `select message_id from chat.search_pending
          order by message_id limit $1 for update skip locked`,

  /** $1 message ids: the ones to index (not unsent, not SYSTEM, not gone), locked FOR SHARE. */
  current: `select id, room_id, content from chat.messages
             where id = any($1::int8[]) and deleted_at is null and type <> 'SYSTEM'
             for share`,

  /** $1 taken ids; $2, $3, $4 ids, rooms and texts to index. */
  store: `with done as (delete from chat.search_pending where message_id = any($1::int8[]))
insert into chat.message_search (message_id, room_id, content)
select * from unnest($2::int8[], $3::int8[], $4::text[])
on conflict (message_id) do update set content = excluded.content`,

  /**
   * How many messages wait at most: the ids at both ends of the queue (two index probes). An
   * old message edited lately inflates it until the next batch, which takes the oldest first.
   */
  backlog: `select max(message_id) - min(message_id) + 1 as n from chat.search_pending`,
} as const;

export const SEARCH_SQL = {
  /** $1 user: the rooms they are a member of (all of them, hidden from the list or closed too). */
  roomsOf: 'select room_id from chat.room_members where user_id = $1',

  recent: RECENT,
  indexed: INDEXED,
} as const;
