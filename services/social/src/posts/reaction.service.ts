import type { ReactionKind, ReactionPage, ReactionSummary, ReactionsQuery } from '@chat/contracts';
import { Errors, keysetPage } from '@chat/platform';
import { recordEvent } from '../events/outbox.ts';
import { socialUsers } from '../users/social-users.ts';
import { toReactionSummary } from './post.presenter.ts';
import { assertVisible, postFacts, visiblePost } from './post-access.ts';
import type { PostDeps } from './post-deps.ts';

async function summary(deps: PostDeps, me: number, postId: number): Promise<ReactionSummary> {
  return toReactionSummary((await deps.posts.extras([postId], me)).get(postId));
}

/** My reaction to a post I may see: one per post, so a second one is 409 (change it with PUT). */
export async function react(
  deps: PostDeps,
  me: number,
  postId: number,
  kind: ReactionKind,
): Promise<ReactionSummary> {
  await deps.db.transaction(async (tx) => {
    const post = await visiblePost(deps, me, postId, tx, 'share');
    if (!(await deps.reactions.add(tx, postId, me, kind))) throw Errors.alreadyReacted(postId);
    await recordEvent(tx, {
      type: 'ReactionAdded',
      ...(await postFacts(deps, post, tx)),
      userId: me,
      reaction: kind,
    });
  });
  deps.kick();
  return summary(deps, me, postId);
}

/**
 * Changes the kind of my reaction (404 when I have none). No event: the post's count of
 * reactions does not change and nobody is notified again.
 */
export async function changeReaction(
  deps: PostDeps,
  me: number,
  postId: number,
  kind: ReactionKind,
): Promise<ReactionSummary> {
  await deps.db.transaction(async (tx) => {
    await visiblePost(deps, me, postId, tx, 'share');
    if (!(await deps.reactions.change(tx, postId, me, kind))) throw Errors.reactionNotFound(postId);
  });
  return summary(deps, me, postId);
}

/** Removes my reaction; none is fine (204), on a post I may see. */
export async function unreact(deps: PostDeps, me: number, postId: number): Promise<void> {
  const removed = await deps.db.transaction(async (tx) => {
    const post = await deps.posts.find(postId, tx, 'share');
    if (!post) throw Errors.postNotFound(postId);
    if (!(await deps.reactions.remove(tx, postId, me))) {
      await assertVisible(deps, me, post, tx);
      return false;
    }
    await recordEvent(tx, { type: 'ReactionRemoved', postId, authorId: post.author_id, userId: me });
    return true;
  });
  if (removed) deps.kick();
}

/** Who reacted to a post I may see (of one kind, or all), newest first. */
export async function listReactions(
  deps: PostDeps,
  me: number,
  postId: number,
  q: ReactionsQuery,
): Promise<ReactionPage> {
  await visiblePost(deps, me, postId);
  const size = q.size ?? 30;
  const rows = await deps.reactions.page(postId, q.kind ?? null, q.cursor ?? null, size + 1);
  const { page, nextCursor } = keysetPage(rows, size);
  const users = await socialUsers(
    deps.users,
    page.map((r) => r.user_id),
  );
  return {
    users: page.map((r) => ({ ...users.get(r.user_id)!, kind: r.kind, since: r.created_at.toISOString() })),
    nextCursor,
  };
}
