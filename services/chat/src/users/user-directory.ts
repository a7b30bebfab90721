import type { SqlDatabase } from '@chat/platform';
import { USER_DIRECTORY_SQL } from './user-directory.queries.ts';

export interface ChatUser {
  id: number;
  nickname: string;
  status: string;
}

/** How chat asks the users service about someone it has not heard of yet. */
export interface UserLookup {
  getUser(id: number): Promise<ChatUser | null>;
}

/**
 * Chat's own copy of the users it needs (id, nickname, status), kept up to date from user
 * events. A user not yet seen (events lag behind a fresh signup) is fetched once through the
 * users client and remembered.
 */
export function createUserDirectory(
  db: SqlDatabase,
  lookup: UserLookup | undefined,
  /** A user's nickname became known to chat through `lookup` (cached views may be stale). */
  onRenamed?: (userId: number) => Promise<void>,
) {
  /** Inserts or replaces the user; true when their nickname is new to chat (new user or renamed). */
  async function upsert(user: ChatUser, deleted = false): Promise<boolean> {
    const { rows } = await db.query<{ renamed: boolean }>(USER_DIRECTORY_SQL.upsert, [
      user.id,
      user.nickname,
      user.status,
      deleted,
    ]);
    return rows[0]?.renamed === true;
  }

  return {
    upsert,

    /** True when the nickname changed (an event replayed, or about another field, changes nothing). */
    async setNickname(id: number, nickname: string): Promise<boolean> {
      const { rowCount } = await db.query(USER_DIRECTORY_SQL.setNickname, [id, nickname]);
      return rowCount > 0;
    },

    async setStatus(id: number, status: string): Promise<void> {
      await db.query(USER_DIRECTORY_SQL.setStatus, [id, status]);
    },

    /** Forgets the user's name for good; true when chat had one (views showing it are stale). */
    async markDeleted(id: number): Promise<boolean> {
      const { rows } = await db.query<{ renamed: boolean }>(USER_DIRECTORY_SQL.markDeleted, [id]);
      return rows[0]?.renamed === true;
    },

    /** The users among `ids` that exist and are not deleted. */
    async existing(ids: readonly number[]): Promise<Map<number, ChatUser>> {
      const unique = [...new Set(ids)];
      const { rows } = await db.query<ChatUser & { deleted: boolean }>(USER_DIRECTORY_SQL.findByIds, [
        unique,
      ]);
      const found = new Map<number, ChatUser>(rows.filter((r) => !r.deleted).map((r) => [r.id, r]));
      const known = new Set(rows.map((r) => r.id));
      if (lookup) {
        for (const id of unique) {
          if (known.has(id)) continue;
          const user = await lookup.getUser(id);
          if (!user) continue;
          // Cached views may show this user as `(unknown)` (a room creator chat had not heard of).
          if (await upsert(user)) await onRenamed?.(id);
          if (user.status !== 'DELETED') found.set(id, user);
        }
      }
      return found;
    },

    async get(id: number): Promise<ChatUser | undefined> {
      return (await this.existing([id])).get(id);
    },
  };
}

export type UserDirectory = ReturnType<typeof createUserDirectory>;
