/**
 * The SQL of unread-check.ts. Parameters are always bound. Snapshot:
 * services/chat/sql/upkeep.sql (`UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots`).
 */
export const UPKEEP_SQL = {
  /** $1 after user id, $2 limit: the next members, by user id (room_members_user_idx). */
  membersAfter: `
    select distinct user_id from chat.room_members
     where user_id > $1
     order by user_id
     limit $2`,
} as const;
