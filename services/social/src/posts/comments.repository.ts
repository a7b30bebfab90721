import type { SqlExecutor } from '@chat/platform';
import { COMMENTS_SQL } from './posts.queries.ts';

export interface CommentRow {
  id: number;
  post_id: number;
  parent_id: number | null;
  author_id: number;
  text: string;
  mentions: number[];
  created_at: Date;
}

function toRow(r: CommentRow): CommentRow {
  return {
    ...r,
    id: Number(r.id),
    post_id: Number(r.post_id),
    parent_id: r.parent_id === null ? null : Number(r.parent_id),
    author_id: Number(r.author_id),
    mentions: r.mentions.map(Number),
  };
}

export function createCommentsRepository(db: SqlExecutor) {
  return {
    async insert(
      tx: SqlExecutor,
      c: { postId: number; parentId: number | null; authorId: number; text: string; mentions: number[] },
    ): Promise<CommentRow> {
      const { rows } = await tx.query<CommentRow>(COMMENTS_SQL.insert, [
        c.postId,
        c.parentId,
        c.authorId,
        c.text,
        c.mentions,
      ]);
      return toRow(rows[0]!);
    },

    async find(postId: number, id: number, tx: SqlExecutor = db): Promise<CommentRow | undefined> {
      const { rows } = await tx.query<CommentRow>(COMMENTS_SQL.find, [postId, id]);
      return rows[0] && toRow(rows[0]);
    },

    /** Top-level comments (`parentId` null) or the replies to one, oldest first. */
    async page(
      postId: number,
      parentId: number | null,
      cursor: number | null,
      limit: number,
    ): Promise<CommentRow[]> {
      const { rows } =
        parentId === null
          ? await db.query<CommentRow>(COMMENTS_SQL.topLevel, [postId, cursor, limit])
          : await db.query<CommentRow>(COMMENTS_SQL.replies, [postId, parentId, cursor, limit]);
      return rows.map(toRow);
    },

    async replyCounts(postId: number, ids: readonly number[]): Promise<Map<number, number>> {
      if (ids.length === 0) return new Map();
      const { rows } = await db.query<{ parent_id: number; n: number }>(COMMENTS_SQL.replyCounts, [
        postId,
        ids,
      ]);
      return new Map(rows.map((r) => [Number(r.parent_id), r.n]));
    },

    /** Deletes the comment and its replies; returns the ids deleted. */
    async softDelete(tx: SqlExecutor, postId: number, id: number): Promise<number[]> {
      const { rows } = await tx.query<{ id: number }>(COMMENTS_SQL.softDelete, [postId, id]);
      return rows.map((r) => Number(r.id));
    },
  };
}

export type CommentsRepository = ReturnType<typeof createCommentsRepository>;
