import { normalizeTag, type PostPage, type SocialPageQuery, TAG_MAX } from '@chat/contracts';
import { Errors, keysetPage } from '@chat/platform';
import { presentPosts } from './post.presenter.ts';
import { visibleKinds } from './post-access.ts';
import type { PostDeps } from './post-deps.ts';
import type { PostRow } from './posts.repository.ts';

const PAGE_SIZE = 20;

async function page(
  deps: PostDeps,
  me: number,
  q: SocialPageQuery,
  load: (cursor: number | null, limit: number) => Promise<PostRow[]>,
): Promise<PostPage> {
  const size = q.size ?? PAGE_SIZE;
  const { page, nextCursor } = keysetPage(await load(q.cursor ?? null, size + 1), size);
  return { posts: await presentPosts(deps, me, page), nextCursor };
}

/**
 * My feed: the posts of everyone I follow (approved) and mine, newest first, that I may see.
 * Fanned out on read (POSTS_SQL.feed): nothing is copied per follower when a post is written.
 */
export function feed(deps: PostDeps, me: number, q: SocialPageQuery): Promise<PostPage> {
  return page(deps, me, q, (cursor, limit) => deps.posts.feed(me, cursor, limit));
}

/** A user's posts that I may see: 404 for no such user, 403 when their account is private to me. */
export async function userPosts(
  deps: PostDeps,
  me: number,
  userId: number,
  q: SocialPageQuery,
): Promise<PostPage> {
  const [user, rel] = await Promise.all([deps.users.getUser(userId), deps.follows.relation(me, userId)]);
  if (!user) throw Errors.userNotFound(userId);
  const kinds = visibleKinds(me, userId, rel);
  if (!kinds) throw Errors.privateAccount(userId);
  return page(deps, me, q, (cursor, limit) => deps.posts.byAuthor(userId, kinds, cursor, limit));
}

/** How long a search text may be, in characters. */
export const SEARCH_MAX = 100;

/**
 * Posts whose text holds `q` (case-insensitive) that I may see, newest first: the same rule as
 * every other list, so a private account's posts never show to those who may not see them.
 */
export function searchPosts(
  deps: PostDeps,
  me: number,
  q: SocialPageQuery & { q: string },
): Promise<PostPage> {
  const text = q.q.trim();
  if (text.length === 0 || [...text].length > SEARCH_MAX) {
    throw Errors.badRequest(`querystring.q must be 1 to ${SEARCH_MAX} characters`);
  }
  // `%q%` with `\` escaping `\`, `%` and `_`: the index's query is made from this very pattern
  // (social.search_query, migrations/010_post_search.sql).
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return page(deps, me, q, (cursor, limit) => deps.posts.search(pattern, me, cursor, limit));
}

/** Posts with a tag (as written: `#Seoul` is `seoul`) that I may see, newest first. */
export async function tagPosts(
  deps: PostDeps,
  me: number,
  rawTag: string,
  q: SocialPageQuery,
): Promise<PostPage> {
  const tag = normalizeTag(rawTag);
  if (tag === null || [...tag].length > TAG_MAX) {
    throw Errors.badRequest(
      `params.tag must be letters, digits and _, at most ${TAG_MAX}, after an optional #`,
    );
  }
  return page(deps, me, q, (cursor, limit) => deps.posts.byTag(tag, me, cursor, limit));
}
