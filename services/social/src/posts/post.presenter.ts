import {
  type Comment,
  type Post,
  REACTION_KINDS,
  type ReactionCounts,
  type ReactionSummary,
  type SocialUser,
} from '@chat/contracts';
import { socialUsers } from '../users/social-users.ts';
import type { CommentRow } from './comments.repository.ts';
import type { PostDeps } from './post-deps.ts';
import type { PostExtras, PostRow } from './posts.repository.ts';

export const postImageUrl = (postId: number, imageId: string) =>
  `/api/social/posts/${postId}/images/${imageId}`;

export function toReactionSummary(x: PostExtras | undefined): ReactionSummary {
  const counts = Object.fromEntries(REACTION_KINDS.map((k) => [k, x?.reactions[k] ?? 0])) as ReactionCounts;
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return { counts, total, mine: x?.mine ?? null };
}

export function toPost(r: PostRow, x: PostExtras | undefined, users: Map<number, SocialUser>): Post {
  return {
    id: r.id,
    author: users.get(r.author_id)!,
    text: r.text,
    visibility: r.visibility,
    tags: r.tags,
    mentions: r.mentions.map((id) => users.get(id)!),
    images: (x?.images ?? []).map((i) => ({ ...i, url: postImageUrl(r.id, i.id) })),
    createdAt: r.created_at.toISOString(),
    editedAt: r.edited_at?.toISOString() ?? null,
    reactions: toReactionSummary(x),
    commentCount: x?.comments ?? 0,
  };
}

/** Posts as `viewerId` sees them: authors and mentions in one users call, the rest in one query. */
export async function presentPosts(
  deps: PostDeps,
  viewerId: number,
  rows: readonly PostRow[],
): Promise<Post[]> {
  const [extras, users] = await Promise.all([
    deps.posts.extras(
      rows.map((r) => r.id),
      viewerId,
    ),
    socialUsers(
      deps.users,
      rows.flatMap((r) => [r.author_id, ...r.mentions]),
    ),
  ]);
  return rows.map((r) => toPost(r, extras.get(r.id), users));
}

/** Comments with their authors, mentions and reply counts. */
export async function presentComments(
  deps: PostDeps,
  postId: number,
  rows: readonly CommentRow[],
): Promise<Comment[]> {
  const topLevel = rows.filter((r) => r.parent_id === null).map((r) => r.id);
  const [replies, users] = await Promise.all([
    deps.comments.replyCounts(postId, topLevel),
    socialUsers(
      deps.users,
      rows.flatMap((r) => [r.author_id, ...r.mentions]),
    ),
  ]);
  return rows.map((r) => ({
    id: r.id,
    postId: r.post_id,
    parentId: r.parent_id,
    author: users.get(r.author_id)!,
    text: r.text,
    mentions: r.mentions.map((id) => users.get(id)!),
    createdAt: r.created_at.toISOString(),
    replyCount: replies.get(r.id) ?? 0,
  }));
}
