import type { PostVisibility } from '@chat/contracts';
import { Errors, type SqlExecutor } from '@chat/platform';
import type { Relation } from '../follows/follows.repository.ts';
import type { PostDeps } from './post-deps.ts';
import type { PostRow } from './posts.repository.ts';

const MINE: readonly PostVisibility[] = ['PUBLIC', 'FOLLOWERS', 'PRIVATE'];
const FOLLOWER: readonly PostVisibility[] = ['PUBLIC', 'FOLLOWERS'];
const ANYONE: readonly PostVisibility[] = ['PUBLIC'];

/**
 * The visibilities of `authorId`'s posts that `viewerId` sees (visibility.ts), or null when the
 * account is private and the viewer is not an approved follower, or one blocked the other
 * (they see none).
 */
export function visibleKinds(
  viewerId: number,
  authorId: number,
  rel: Relation,
): readonly PostVisibility[] | null {
  if (viewerId === authorId) return MINE;
  if (rel.blocked) return null;
  if (rel.following) return FOLLOWER;
  return rel.private ? null : ANYONE;
}

/**
 * Throws unless `viewerId` may see `post`. A PRIVATE post of someone else, or a FOLLOWERS post
 * of an account they do not follow, is 404 like a post that does not exist (its existence is
 * never revealed); a PUBLIC post of a private account they do not follow is 403 privateAccount
 * (which says no more than the author's profile does).
 */
export async function assertVisible(
  deps: PostDeps,
  viewerId: number,
  post: PostRow,
  tx?: SqlExecutor,
): Promise<void> {
  if (post.author_id === viewerId) return;
  const kinds = visibleKinds(
    viewerId,
    post.author_id,
    await deps.follows.relation(viewerId, post.author_id, tx),
  );
  if (kinds?.includes(post.visibility)) return;
  if (post.visibility === 'PUBLIC') throw Errors.privateAccount(post.author_id);
  throw Errors.postNotFound(post.id);
}

/** A post `viewerId` may see (assertVisible), not deleted; `lock` as in PostsRepository.find. */
export async function visiblePost(
  deps: PostDeps,
  viewerId: number,
  postId: number,
  tx?: SqlExecutor,
  lock?: 'share' | 'update',
): Promise<PostRow> {
  const post = await deps.posts.find(postId, tx, lock);
  if (!post) throw Errors.postNotFound(postId);
  await assertVisible(deps, viewerId, post, tx);
  return post;
}

/** The facts about a post every event on it carries. */
export async function postFacts(deps: PostDeps, post: PostRow, tx: SqlExecutor) {
  return {
    postId: post.id,
    authorId: post.author_id,
    visibility: post.visibility,
    authorPrivate: await deps.follows.isPrivate(post.author_id, tx),
  };
}
