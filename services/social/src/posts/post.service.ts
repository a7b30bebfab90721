import type { CreatePostBody, UpdatePostBody } from '@chat/contracts';
import { Errors, type SqlExecutor } from '@chat/platform';
import { recordEvent } from '../events/outbox.ts';
import { assertVisible, postFacts } from './post-access.ts';
import type { PostDeps } from './post-deps.ts';
import { checkMentions, normalizeTags } from './post-input.ts';
import type { PostFields, PostRow } from './posts.repository.ts';

/**
 * A new post: text or images (uploads of the author's waiting for a post), tags normalised,
 * mentions of users who exist. The post, its tags, its images and PostCreated commit together.
 */
export async function createPost(deps: PostDeps, me: number, body: CreatePostBody): Promise<PostRow> {
  const text = (body.text ?? '').trim();
  const imageIds = body.imageIds ?? [];
  if (text === '' && imageIds.length === 0) throw Errors.emptyPost();
  const fields: PostFields = {
    text,
    visibility: body.visibility ?? 'PUBLIC',
    tags: normalizeTags(body.tags ?? []),
    mentions: await checkMentions(deps, body.mentions),
  };
  const post = await deps.db.transaction(async (tx) => {
    const row = await deps.posts.insert(tx, me, fields);
    await deps.posts.setTags(tx, row.id, fields.tags);
    if (imageIds.length > 0) {
      const taken = await deps.posts.claimImages(tx, row.id, me, imageIds);
      const missing = imageIds.find((id) => !taken.has(id));
      if (missing) throw Errors.postImageNotFound(missing);
    }
    await recordEvent(tx, {
      type: 'PostCreated',
      ...(await postFacts(deps, row, tx)),
      tags: row.tags,
      mentions: row.mentions,
    });
    return row;
  });
  deps.kick();
  return post;
}

/** Locks a post to change it: the author's, else what viewing it answers (404/403), else 403. */
async function lockOwnPost(deps: PostDeps, tx: SqlExecutor, me: number, postId: number): Promise<PostRow> {
  const post = await deps.posts.find(postId, tx, 'update');
  if (!post) throw Errors.postNotFound(postId);
  if (post.author_id !== me) {
    await assertVisible(deps, me, post, tx);
    throw Errors.notYourPost();
  }
  return post;
}

/**
 * Edits a post (the author only): the fields sent replace theirs, images stay; `editedAt` is
 * set. Text may be emptied only when the post has images.
 */
export async function editPost(
  deps: PostDeps,
  me: number,
  postId: number,
  body: UpdatePostBody,
): Promise<PostRow> {
  if (Object.values(body).every((v) => v === undefined)) {
    throw Errors.badRequest('Send at least one of text, visibility, tags, mentions');
  }
  const tags = body.tags && normalizeTags(body.tags);
  const mentions = body.mentions && (await checkMentions(deps, body.mentions));
  const post = await deps.db.transaction(async (tx) => {
    const before = await lockOwnPost(deps, tx, me, postId);
    const fields: PostFields = {
      text: body.text !== undefined ? body.text.trim() : before.text,
      visibility: body.visibility ?? before.visibility,
      tags: tags ?? before.tags,
      mentions: mentions ?? before.mentions,
    };
    if (fields.text === '' && (await deps.posts.imageCount(tx, postId)) === 0) throw Errors.emptyPost();
    const row = (await deps.posts.update(tx, postId, fields))!;
    if (tags) await deps.posts.setTags(tx, postId, tags);
    await recordEvent(tx, {
      type: 'PostEdited',
      ...(await postFacts(deps, row, tx)),
      tags: row.tags,
      mentions: row.mentions,
    });
    return row;
  });
  deps.kick();
  return post;
}

/** Deletes a post (the author only): it leaves every list and page at once. */
export async function deletePost(deps: PostDeps, me: number, postId: number): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await lockOwnPost(deps, tx, me, postId);
    await deps.posts.softDelete(tx, postId);
    await recordEvent(tx, { type: 'PostDeleted', postId, authorId: me });
  });
  deps.kick();
}
