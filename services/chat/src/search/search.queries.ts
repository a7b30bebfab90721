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
 * do not hold it): the message's character pairs `@@` the query's (`012_search_pairs.sql`)
 * through the GIN index,
 * ANDed with the rooms' (room_id, id) index, then `strpos`. Ordering by `m.id + 0` keeps the
 * planner from walking the primary key backwards hoping for a match soon: step 1 just showed
 * that matches are sparse among the newest messages. query/plan tests check neither step
 * scans the table.
 */
const INDEXED = `
with hits as (
  select m.id, m.room_id from chat.messages m
   where m.room_id = any($1::int8[])
     and array_to_tsvector(chat.search_pairs(m.content)) @@ chat.search_query($2)
     and strpos(lower(m.content), lower($2)) > 0
     and ${SHOWN('m')} and m.id < $4
   order by m.id + 0 desc
   limit $5
)${NAMED}`;

export const SEARCH_SQL = {
  /** $1 user: the rooms they are a member of (all of them, hidden from the list or closed too). */
  roomsOf: 'select room_id from chat.room_members where user_id = $1',

  recent: RECENT,
  indexed: INDEXED,
} as const;
