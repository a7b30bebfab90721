import type { ReactionKind } from '@chat/contracts';
import type { SqlExecutor } from '@chat/platform';
import { REACTIONS_SQL } from './posts.queries.ts';

export interface ReactionRow {
  id: number;
  user_id: number;
  kind: ReactionKind;
  created_at: Date;
}

export function createReactionsRepository(db: SqlExecutor) {
  return {
    /** True when the reaction is new (false: the user reacted already). */
    async add(tx: SqlExecutor, postId: number, userId: number, kind: ReactionKind): Promise<boolean> {
      return (await tx.query(REACTIONS_SQL.add, [postId, userId, kind])).rowCount > 0;
    },

    /** True when the user had a reaction to change. */
    async change(tx: SqlExecutor, postId: number, userId: number, kind: ReactionKind): Promise<boolean> {
      return (await tx.query(REACTIONS_SQL.change, [postId, userId, kind])).rowCount > 0;
    },

    /** True when there was a reaction to remove. */
    async remove(tx: SqlExecutor, postId: number, userId: number): Promise<boolean> {
      return (await tx.query(REACTIONS_SQL.remove, [postId, userId])).rowCount > 0;
    },

    async page(
      postId: number,
      kind: ReactionKind | null,
      cursor: number | null,
      limit: number,
    ): Promise<ReactionRow[]> {
      const { rows } = await db.query<ReactionRow>(REACTIONS_SQL.page, [postId, kind, cursor, limit]);
      return rows.map((r) => ({ ...r, id: Number(r.id), user_id: Number(r.user_id) }));
    },
  };
}

export type ReactionsRepository = ReturnType<typeof createReactionsRepository>;
