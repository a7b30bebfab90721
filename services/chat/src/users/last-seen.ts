import type { SqlDatabase } from '@chat/platform';
import { LAST_SEEN_SQL as SQL } from './last-seen.queries.ts';

/**
 * Last seen: recorded when a user's last connection closes (presence says OFFLINE), shown to
 * the people who share a room with them unless they hide it. SQL: last-seen.queries.ts.
 */
export function createLastSeen(db: SqlDatabase) {
  return {
    /** Records now; the time when the user lets others see it, else null. */
    async seen(userId: number): Promise<Date | null> {
      const { rows } = await db.query<{ last_seen_at: Date; show_last_seen: boolean }>(SQL.markSeen, [
        userId,
      ]);
      const row = rows[0];
      return row?.show_last_seen ? row.last_seen_at : null;
    },
    async setShown(userId: number, shown: boolean): Promise<void> {
      await db.query(SQL.setShown, [userId, shown]);
    },
    async shown(userId: number): Promise<boolean> {
      const { rows } = await db.query<{ show_last_seen: boolean }>(SQL.shown, [userId]);
      return rows[0]?.show_last_seen ?? true;
    },
    /** The room's members' last seen (null: hidden by them, or never seen). */
    async ofRoom(roomId: number): Promise<{ userId: number; lastSeenAt: string | null }[]> {
      const { rows } = await db.query<{ user_id: number; last_seen_at: Date | null }>(SQL.ofRoom, [roomId]);
      return rows.map((r) => ({ userId: r.user_id, lastSeenAt: r.last_seen_at?.toISOString() ?? null }));
    },
  };
}

export type LastSeen = ReturnType<typeof createLastSeen>;
