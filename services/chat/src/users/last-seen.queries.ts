/**
 * The SQL of last-seen.ts. Parameters are always bound ($1, ...).
 * Snapshot: services/chat/sql/last-seen.sql (`UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots`).
 */
export const LAST_SEEN_SQL = {
  /** $1 user: their last connection just closed. */
  markSeen: 'update chat.users set last_seen_at = now() where id = $1 returning last_seen_at, show_last_seen',

  /** $1 user, $2 shown. */
  setShown: 'update chat.users set show_last_seen = $2 where id = $1',

  /** $1 user. */
  shown: 'select show_last_seen from chat.users where id = $1',

  /** $1 room: its members' last seen, null where they hide it or were never seen. */
  ofRoom: `select m.user_id, case when u.show_last_seen then u.last_seen_at end as last_seen_at
      from chat.room_members m left join chat.users u on u.id = m.user_id
     where m.room_id = $1
     order by m.user_id`,
} as const;
