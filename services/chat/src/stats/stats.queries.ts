/**
 * The SQL of stats.repository.ts: chat's figures for the batch service's statistics. Parameters
 * are always bound ($1, ...). Snapshot: services/chat/sql/stats.sql
 * (`UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots`).
 */
export const STATS_SQL = {
  /** $1 from, $2 to: the first and last id of the messages created in [from, to) (the BRIN index). */
  messageIdRange: `
    select min(id) as first_id, max(id) as last_id
      from chat.messages
     where created_at >= $1 and created_at < $2`,

  /**
   * $1 from, $2 to, $3 after id, $4 up to id, $5 limit: one keyset chunk of ids, counted. Only
   * messages created in [from, to) that people sent (not system lines) count; the chunk's last
   * id is the cursor of the next one.
   */
  messageChunk: `
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
           coalesce((select array_agg(distinct sender_id) from counted), '{}') as senders`,

  /** $1 from, $2 to. */
  roomsCreated: `
    select count(*)::int as count from chat.rooms
     where created_at >= $1 and created_at < $2`,
} as const;
