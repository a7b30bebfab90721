import type { Comment, CommentPage, CreateCommentBody, SocialPageQuery } from '@chat/contracts';
import { Errors, keysetPage } from '@chat/platform';
import { recordEvent } from '../events/outbox.ts';
import { presentComments } from './post.presenter.ts';
import { assertVisible, postFacts, visiblePost } from './post-access.ts';
import type { PostDeps } from './post-deps.ts';
import { checkMentions } from './post-input.ts';

/**
 * A comment on a post I may see, or a reply to one of its top-level comments (one level deep:
 * replying to a reply is 400). The comment and CommentAdded commit together.
 */
export async function addComment(
  deps: PostDeps,
  me: number,
  postId: number,
  body: CreateCommentBody,
): Promise<Comment> {
  const text = body.text.trim();
  if (text === '') throw Errors.badRequest('body.text must not be blank');
  const mentions = await checkMentions(deps, body.mentions);
  const row = await deps.db.transaction(async (tx) => {
    const post = await visiblePost(deps, me, postId, tx, 'share');
    let parentAuthorId: number | undefined;
    if (body.parentId !== undefined) {
      const parent = await deps.comments.find(postId, body.parentId, tx);
      if (!parent) throw Errors.parentNotFound(postId, body.parentId);
      if (parent.parent_id !== null) throw Errors.replyToReply(parent.id);
      parentAuthorId = parent.author_id;
    }
    const comment = await deps.comments.insert(tx, {
      postId,
      parentId: body.parentId ?? null,
      authorId: me,
      text,
      mentions,
    });
    await recordEvent(tx, {
      type: 'CommentAdded',
      ...(await postFacts(deps, post, tx)),
      commentId: comment.id,
      commenterId: me,
      parentId: comment.parent_id,
      ...(parentAuthorId !== undefined ? { parentAuthorId } : {}),
      mentions,
    });
    return comment;
  });
  deps.kick();
  return (await presentComments(deps, postId, [row]))[0]!;
}

/**
 * Deletes a comment, with its replies: its author may, and so may the post's author. Anyone
 * else gets what viewing the post answers (404/403), or 403 when they may see it.
 */
export async function deleteComment(deps: PostDeps, me: number, postId: number, commentId: number) {
  const gone = await deps.db.transaction(async (tx) => {
    const post = await deps.posts.find(postId, tx, 'share');
    if (!post) throw Errors.postNotFound(postId);
    const comment = await deps.comments.find(postId, commentId, tx);
    if (comment?.author_id !== me) {
      await assertVisible(deps, me, post, tx);
      if (!comment) throw Errors.commentNotFound(commentId);
      if (post.author_id !== me) throw Errors.notYourComment();
    }
    const ids = await deps.comments.softDelete(tx, postId, commentId);
    for (const id of ids) await recordEvent(tx, { type: 'CommentDeleted', postId, commentId: id });
    return ids.length;
  });
  if (gone > 0) deps.kick();
}

/** Top-level comments of a post I may see (or the replies to one), oldest first. */
export async function listComments(
  deps: PostDeps,
  me: number,
  postId: number,
  parentId: number | null,
  q: SocialPageQuery,
): Promise<CommentPage> {
  await visiblePost(deps, me, postId);
  if (parentId !== null) {
    const parent = await deps.comments.find(postId, parentId);
    if (!parent) throw Errors.commentNotFound(parentId);
  }
  const size = q.size ?? 30;
  const rows = await deps.comments.page(postId, parentId, q.cursor ?? null, size + 1);
  const { page, nextCursor } = keysetPage(rows, size);
  return { comments: await presentComments(deps, postId, page), nextCursor };
}
