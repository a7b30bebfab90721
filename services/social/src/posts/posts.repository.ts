import type { PostImage, PostVisibility, ReactionKind } from '@chat/contracts';
import type { SqlExecutor } from '@chat/platform';
import { POST_IMAGES_SQL, POST_SWEEP_SQL, POSTS_SQL } from './posts.queries.ts';

export interface PostRow {
  id: number;
  author_id: number;
  text: string;
  visibility: PostVisibility;
  tags: string[];
  mentions: number[];
  created_at: Date;
  edited_at: Date | null;
}

/** A post's fields as written (create and edit). */
export interface PostFields {
  readonly text: string;
  readonly visibility: PostVisibility;
  readonly tags: readonly string[];
  readonly mentions: readonly number[];
}

/** What a post shows besides its row, as the viewer sees it. */
export interface PostExtras {
  comments: number;
  mine: ReactionKind | null;
  reactions: Partial<Record<ReactionKind, number>>;
  images: Omit<PostImage, 'url'>[];
}

/**
 * How many of the newest posts search tests before it asks the index: enough for a common word
 * to fill a page, few enough to cost a few milliseconds (docs/benchmarks.md, social search).
 */
const SEARCH_WINDOW = 2000;

function toRow(r: PostRow): PostRow {
  return { ...r, id: Number(r.id), author_id: Number(r.author_id), mentions: r.mentions.map(Number) };
}

export function createPostsRepository(db: SqlExecutor) {
  const many = async (sql: string, params: unknown[]) =>
    (await db.query<PostRow>(sql, params)).rows.map(toRow);
  return {
    async insert(tx: SqlExecutor, authorId: number, f: PostFields): Promise<PostRow> {
      const { rows } = await tx.query<PostRow>(POSTS_SQL.insert, [
        authorId,
        f.text,
        f.visibility,
        f.tags,
        f.mentions,
      ]);
      return toRow(rows[0]!);
    },

    /**
     * A post not deleted; locked until `tx` ends with `share` (kept from being deleted or edited
     * while a comment or reaction is added) or `update` (to edit or delete it).
     */
    async find(id: number, tx: SqlExecutor = db, lock?: 'share' | 'update'): Promise<PostRow | undefined> {
      const sql =
        lock === 'share'
          ? POSTS_SQL.findForShare
          : lock === 'update'
            ? POSTS_SQL.findForUpdate
            : POSTS_SQL.find;
      const { rows } = await tx.query<PostRow>(sql, [id]);
      return rows[0] && toRow(rows[0]);
    },

    async update(tx: SqlExecutor, id: number, f: PostFields): Promise<PostRow | undefined> {
      const { rows } = await tx.query<PostRow>(POSTS_SQL.update, [
        id,
        f.text,
        f.visibility,
        f.tags,
        f.mentions,
      ]);
      return rows[0] && toRow(rows[0]);
    },

    /** True when there was a post to delete; its tags go with it. */
    async softDelete(tx: SqlExecutor, id: number): Promise<boolean> {
      if ((await tx.query(POSTS_SQL.softDelete, [id])).rowCount === 0) return false;
      await tx.query(POSTS_SQL.deleteTags, [id]);
      return true;
    },

    async setTags(tx: SqlExecutor, id: number, tags: readonly string[]): Promise<void> {
      await tx.query(POSTS_SQL.deleteTags, [id]);
      if (tags.length > 0) await tx.query(POSTS_SQL.insertTags, [id, tags]);
    },

    feed(viewerId: number, cursor: number | null, limit: number): Promise<PostRow[]> {
      return many(POSTS_SQL.feed, [viewerId, cursor, limit]);
    },

    byAuthor(
      authorId: number,
      visibilities: readonly PostVisibility[],
      cursor: number | null,
      limit: number,
    ): Promise<PostRow[]> {
      return many(POSTS_SQL.byAuthor, [authorId, visibilities, cursor, limit]);
    },

    async countByAuthor(authorId: number, visibilities: readonly PostVisibility[]): Promise<number> {
      const { rows } = await db.query<{ n: number }>(POSTS_SQL.countByAuthor, [authorId, visibilities]);
      return rows[0]?.n ?? 0;
    },

    byTag(tag: string, viewerId: number, cursor: number | null, limit: number): Promise<PostRow[]> {
      return many(POSTS_SQL.byTag, [tag, viewerId, cursor, limit]);
    },

    /**
     * Posts matching the ILIKE `pattern` that the viewer may see, newest first: among the newest
     * SEARCH_WINDOW posts when they hold enough, else through the character-pair index.
     */
    async search(
      pattern: string,
      viewerId: number,
      cursor: number | null,
      limit: number,
    ): Promise<PostRow[]> {
      const recent = await many(POSTS_SQL.searchRecent, [pattern, viewerId, cursor, limit, SEARCH_WINDOW]);
      if (recent.length >= limit) return recent;
      return many(POSTS_SQL.searchIndexed, [pattern, viewerId, cursor, limit]);
    },

    async extras(ids: readonly number[], viewerId: number): Promise<Map<number, PostExtras>> {
      if (ids.length === 0) return new Map();
      const { rows } = await db.query<PostExtras & { id: number }>(POSTS_SQL.extras, [ids, viewerId]);
      return new Map(rows.map(({ id, ...extras }) => [Number(id), extras]));
    },

    /** Records an upload waiting for a post. */
    async addImage(id: string, uploaderId: number, contentType: string, size: number): Promise<void> {
      await db.query(POST_IMAGES_SQL.insert, [id, uploaderId, contentType, size]);
    },

    async waitingImages(uploaderId: number): Promise<number> {
      return (await db.query<{ n: number }>(POST_IMAGES_SQL.waiting, [uploaderId])).rows[0]?.n ?? 0;
    },

    /** Gives the uploader's waiting images to the post, in order; returns the ids taken. */
    async claimImages(
      tx: SqlExecutor,
      postId: number,
      uploaderId: number,
      ids: readonly string[],
    ): Promise<Set<string>> {
      const { rows } = await tx.query<{ id: string }>(POST_IMAGES_SQL.claim, [postId, uploaderId, ids]);
      return new Set(rows.map((r) => r.id));
    },

    async imageCount(tx: SqlExecutor, postId: number): Promise<number> {
      return (await tx.query<{ n: number }>(POST_IMAGES_SQL.count, [postId])).rows[0]?.n ?? 0;
    },

    async findImage(
      postId: number,
      imageId: string,
    ): Promise<{ content_type: string; size: number } | undefined> {
      return (await db.query<{ content_type: string; size: number }>(POST_IMAGES_SQL.find, [postId, imageId]))
        .rows[0];
    },

    /**
     * The sweeper's: takes (for `retryMs`; no post can take them any more) up to `limit` uploads
     * no post took within `ageMs`; returns their ids.
     */
    async takeStaleUploads(ageMs: number, retryMs: number, limit: number): Promise<string[]> {
      const params = [ageMs / 1000, retryMs / 1000, limit];
      return (await db.query<{ id: string }>(POST_SWEEP_SQL.takeStaleUploads, params)).rows.map((r) => r.id);
    },

    /** The sweeper's: takes up to `limit` images of posts deleted over `graceMs` ago. */
    async takeDeletedPostImages(graceMs: number, retryMs: number, limit: number): Promise<string[]> {
      const params = [graceMs / 1000, retryMs / 1000, limit];
      return (await db.query<{ id: string }>(POST_SWEEP_SQL.takeDeletedPostImages, params)).rows.map(
        (r) => r.id,
      );
    },

    /** Deletes the rows of images whose objects are gone; returns how many were there. */
    async forgetImages(ids: readonly string[]): Promise<number> {
      if (ids.length === 0) return 0;
      return (await db.query(POST_SWEEP_SQL.forget, [ids])).rowCount;
    },

    /** Marks up to `limit` posts deleted over `graceMs` ago with no image left as swept. */
    async markDeletedPostsSwept(graceMs: number, limit: number): Promise<number> {
      return (await db.query(POST_SWEEP_SQL.markSwept, [graceMs / 1000, limit])).rowCount;
    },
  };
}

export type PostsRepository = ReturnType<typeof createPostsRepository>;
