import type { SqlExecutor } from '@chat/platform';
import type { PostRow } from '../posts/posts.repository.ts';
import { RANKINGS_SQL } from './rankings.queries.ts';
import { HALF_LIFE_MS, WEIGHTS } from './scoring.ts';

export interface RoomVisitsRow {
  owner_id: number;
  title: string | null;
  visits: number;
}

export interface PersonRow {
  user_id: number;
  mutual: number;
  tags: string[];
}

const toPost = (r: PostRow): PostRow => ({
  ...r,
  id: Number(r.id),
  author_id: Number(r.author_id),
  mentions: r.mentions.map(Number),
});

export function createRankingsRepository(db: SqlExecutor) {
  return {
    /** Scores of the popular posts from the interactions since `since` (scoring.ts), best first. */
    async rebuildScores(
      since: Date,
      epoch: number,
      limit: number,
    ): Promise<[postId: number, score: number][]> {
      const { rows } = await db.query<{ id: number; score: number }>(RANKINGS_SQL.rebuild, [
        since,
        epoch,
        HALF_LIFE_MS,
        WEIGHTS.REACTION,
        WEIGHTS.COMMENT,
        limit,
        WEIGHTS.VIEW,
      ]);
      return rows.map((r) => [Number(r.id), Number(r.score)]);
    },

    /** One more counted view of `postId` on the UTC day of `t` (what a rebuild adds for views). */
    async addView(postId: number, t: number): Promise<void> {
      await db.query(RANKINGS_SQL.addView, [postId, new Date(t).toISOString().slice(0, 10)]);
    },

    /** Deletes a batch of view counts of days more than `days` before today; how many went. */
    async forgetViewDays(days: number, limit: number): Promise<number> {
      return (await db.query(RANKINGS_SQL.forgetViewDays, [days, limit])).rowCount;
    },

    /** The posts among `ids` a public ranking may show, in no particular order. */
    async publicPosts(ids: readonly number[]): Promise<PostRow[]> {
      if (ids.length === 0) return [];
      return (await db.query<PostRow>(RANKINGS_SQL.publicPosts, [ids])).rows.map(toPost);
    },

    async popularRooms(daysBefore: number, limit: number): Promise<RoomVisitsRow[]> {
      const { rows } = await db.query<RoomVisitsRow>(RANKINGS_SQL.popularRooms, [daysBefore, limit]);
      return rows.map((r) => ({ ...r, owner_id: Number(r.owner_id) }));
    },

    async people(me: number, limit: number): Promise<PersonRow[]> {
      const { rows } = await db.query<PersonRow>(RANKINGS_SQL.people, [me, limit]);
      return rows.map((r) => ({ ...r, user_id: Number(r.user_id) }));
    },

    async postsForMe(me: number, limit: number): Promise<PostRow[]> {
      return (await db.query<PostRow>(RANKINGS_SQL.postsForMe, [me, limit])).rows.map(toPost);
    },
  };
}

export type RankingsRepository = ReturnType<typeof createRankingsRepository>;
