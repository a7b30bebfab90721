import type { SqlExecutor } from '@chat/platform';
import { FOLLOWS_SQL } from './follows.queries.ts';

/** What one user is to another, as read in one query. */
export interface Relation {
  /** Whether the owner's account is private. */
  readonly private: boolean;
  /** The viewer follows the owner (approved). */
  readonly following: boolean;
  /** The viewer's request to follow the owner waits. */
  readonly requested: boolean;
  /** The owner follows the viewer. */
  readonly followsMe: boolean;
  /** One of the two blocked the other (chat's block list): neither sees the other. */
  readonly blocked: boolean;
}

export interface FollowRow {
  id: number;
  user_id: number;
  created_at: Date;
}

export type FollowList = 'followers' | 'following' | 'mutual' | 'requests';

export function createFollowsRepository(db: SqlExecutor) {
  return {
    async relation(viewerId: number, ownerId: number, tx: SqlExecutor = db): Promise<Relation> {
      const { rows } = await tx.query<{
        private: boolean;
        following: boolean;
        requested: boolean;
        follows_me: boolean;
        blocked: boolean;
      }>(FOLLOWS_SQL.relation, [viewerId, ownerId]);
      const r = rows[0]!;
      return {
        private: r.private,
        following: r.following,
        requested: r.requested,
        followsMe: r.follows_me,
        blocked: r.blocked,
      };
    },

    async counts(userId: number): Promise<{ followers: number; following: number }> {
      const { rows } = await db.query<{ followers: number; following: number }>(FOLLOWS_SQL.counts, [userId]);
      return rows[0]!;
    },

    async isPrivate(userId: number, tx: SqlExecutor = db): Promise<boolean> {
      const { rows } = await tx.query<{ private: boolean }>(FOLLOWS_SQL.isPrivate, [userId]);
      return rows[0]?.private ?? false;
    },

    async setPrivate(tx: SqlExecutor, userId: number, value: boolean): Promise<void> {
      await tx.query(FOLLOWS_SQL.setPrivate, [userId, value]);
    },

    /** True when the follow is new. */
    async follow(tx: SqlExecutor, followerId: number, followeeId: number): Promise<boolean> {
      return (await tx.query(FOLLOWS_SQL.follow, [followerId, followeeId])).rowCount > 0;
    },

    /** True when there was a follow to end. */
    async unfollow(tx: SqlExecutor, followerId: number, followeeId: number): Promise<boolean> {
      return (await tx.query(FOLLOWS_SQL.unfollow, [followerId, followeeId])).rowCount > 0;
    },

    /** True when the request is new. */
    async request(tx: SqlExecutor, requesterId: number, targetId: number): Promise<boolean> {
      return (await tx.query(FOLLOWS_SQL.request, [requesterId, targetId])).rowCount > 0;
    },

    /** True when there was a request to remove. */
    async withdrawRequest(tx: SqlExecutor, requesterId: number, targetId: number): Promise<boolean> {
      return (await tx.query(FOLLOWS_SQL.withdrawRequest, [requesterId, targetId])).rowCount > 0;
    },

    async takeAllRequests(tx: SqlExecutor, targetId: number): Promise<number[]> {
      const { rows } = await tx.query<{ requester_id: number }>(FOLLOWS_SQL.takeAllRequests, [targetId]);
      return rows.map((r) => Number(r.requester_id));
    },

    async list(
      which: FollowList,
      userId: number,
      cursor: number | null,
      limit: number,
    ): Promise<FollowRow[]> {
      const { rows } = await db.query<FollowRow>(FOLLOWS_SQL[which], [userId, cursor, limit]);
      return rows.map((r) => ({ id: Number(r.id), user_id: Number(r.user_id), created_at: r.created_at }));
    },

    async followeeIds(userId: number): Promise<number[]> {
      const { rows } = await db.query<{ followee_id: number }>(FOLLOWS_SQL.followeeIds, [userId]);
      return rows.map((r) => Number(r.followee_id));
    },
  };
}

export type FollowsRepository = ReturnType<typeof createFollowsRepository>;

/**
 * Whether `viewerId` may see what `ownerId` shares (posts, room, lists): their own; else never
 * across a block; else a public account, or a private one they follow (approved).
 */
export function maySeeAccount(viewerId: number, ownerId: number, rel: Relation): boolean {
  if (viewerId === ownerId) return true;
  return !rel.blocked && (!rel.private || rel.following);
}
