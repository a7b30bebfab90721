import type { ChatUpkeepClient, RoomSummary, UnreadCheck, UnreadDrift } from '@chat/contracts';
import type { SqlDatabase } from '@chat/platform';
import type { RoomCache } from '../rooms/room-cache.ts';
import { UPKEEP_SQL } from './upkeep.queries.ts';

/** At most this many differences are returned a chunk (all are repaired). */
const DRIFT_SHOWN = 100;

/**
 * Chat's upkeep for the batch service. The attachment clean-up is the one chat also runs on
 * its own every few minutes (uploads never sent, of unsent messages, past their retention).
 *
 * Unread counts are derived from PostgreSQL (a room's last seq minus the member's read mark);
 * the cache serves each user's room list with them. This recomputes a chunk of members' lists
 * as the API would and compares them with what the cache would serve: a user whose cached list
 * differs (a lost invalidation, a value written by hand) has it dropped, so the next read comes
 * from the database.
 */
export function createChatUpkeep(deps: {
  db: SqlDatabase;
  cache: RoomCache;
  /** A user's room list as the API computes it from the database. */
  listFromDatabase(userId: number): Promise<RoomSummary[]>;
  /** One batch of the attachment clean-up: how many went (0: nothing left). */
  cleanUpAttachments(): Promise<number>;
}): ChatUpkeepClient {
  return {
    async cleanUpAttachments() {
      let removed = 0;
      for (let n = await deps.cleanUpAttachments(); n > 0; n = await deps.cleanUpAttachments()) removed += n;
      return removed;
    },
    async checkUnread({ afterUserId, limit }): Promise<UnreadCheck> {
      const { rows } = await deps.db.query<{ user_id: number }>(UPKEEP_SQL.membersAfter, [
        afterUserId,
        limit,
      ]);
      const users = rows.map((r) => Number(r.user_id));
      const drift: UnreadDrift[] = [];
      const drifted: number[] = [];
      let cached = 0;
      for (const userId of users) {
        const served = await deps.cache.peekList(userId);
        if (!served) continue;
        cached += 1;
        const found = differences(userId, served, await deps.listFromDatabase(userId));
        if (found.length === 0) continue;
        drifted.push(userId);
        drift.push(...found.slice(0, Math.max(0, DRIFT_SHOWN - drift.length)));
      }
      if (drifted.length > 0) await deps.cache.invalidate({ lists: drifted });
      return {
        lastUserId: users.at(-1) ?? null,
        users: users.length,
        cached,
        drift,
        repaired: drifted.length,
      };
    },
  };
}

function differences(
  userId: number,
  served: readonly RoomSummary[],
  actual: readonly RoomSummary[],
): UnreadDrift[] {
  const now = new Map(actual.map((r) => [r.id, r.unreadCount]));
  const was = new Map(served.map((r) => [r.id, r.unreadCount]));
  const out: UnreadDrift[] = [];
  for (const [roomId, count] of now) {
    if (was.get(roomId) !== count)
      out.push({ userId, roomId, cached: was.get(roomId) ?? null, actual: count });
  }
  for (const [roomId, count] of was) {
    if (!now.has(roomId)) out.push({ userId, roomId, cached: count, actual: null });
  }
  return out;
}
