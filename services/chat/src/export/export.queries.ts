/**
 * The SQL of export.repository.ts: my rooms and my messages for my data export, a page at a
 * time (keyset, so every page costs the same). Parameters are always bound.
 * Snapshot: services/chat/sql/export.sql (`UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots`).
 */
export const EXPORT_SQL = {
  /** $1 user, $2 after this room id, $3 page size: my memberships by room id (room_members_user_idx). */
  rooms: `
    select r.id, r.type, r.name, m.role, m.joined_at, r.member_count, r.closed_at
      from chat.room_members m
      join chat.rooms r on r.id = m.room_id
     where m.user_id = $1 and m.room_id > $2
     order by m.room_id
     limit $3`,

  /**
   * $1 user, $2 after this message id, $3 page size: the messages I sent, any room, by id
   * (messages_sender_id_idx). SYSTEM lines are the room's, not mine.
   */
  messages: `
    select id, room_id, seq, type, content, created_at, edited_at, deleted_at, reply_to_id
      from chat.messages
     where sender_id = $1 and id > $2 and type <> 'SYSTEM'
     order by id
     limit $3`,
} as const;
