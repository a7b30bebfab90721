import { type Static, Type } from '@sinclair/typebox';
import { createChecker } from '../checker.ts';
import { Id, Nullable } from '../common.ts';
import { PostVisibility } from './visibility.ts';

// The social service's events on the log (docs/services/social.md): what the notifications,
// rankings and any later consumer read. Keys: `user:{id}` for follows and visits (their order
// per user), `post:{id}` for a post and everything on it.

/** Log topic of the social service's events. */
export const SOCIAL_EVENTS_TOPIC = 'social.events';

const envelope = { eventId: Type.String({ minLength: 1 }), occurredAt: Type.Integer({ minimum: 0 }) };

/** `followerId` now follows `followeeId` (directly, or by an accepted request). */
export const Followed = Type.Object({
  type: Type.Literal('Followed'),
  ...envelope,
  followerId: Id,
  followeeId: Id,
});
export const Unfollowed = Type.Object({
  type: Type.Literal('Unfollowed'),
  ...envelope,
  followerId: Id,
  followeeId: Id,
});
/** `requesterId` asked to follow the private account `targetId`. */
export const FollowRequested = Type.Object({
  type: Type.Literal('FollowRequested'),
  ...envelope,
  requesterId: Id,
  targetId: Id,
});

const postFacts = {
  postId: Id,
  authorId: Id,
  visibility: PostVisibility,
  /** Whether the author's account is private (then only approved followers may see it). */
  authorPrivate: Type.Boolean(),
};

export const PostCreated = Type.Object({
  type: Type.Literal('PostCreated'),
  ...envelope,
  ...postFacts,
  tags: Type.Array(Type.String()),
  /**
   * Users the author named in the post's `mentions` list (explicit ids, not parsed from the
   * text): at most 20, each an existing user, repeats removed. Whether each may see the post is
   * the consumer's to check (`visibility`, `authorPrivate`).
   */
  mentions: Type.Array(Id),
});
export const PostEdited = Type.Object({
  type: Type.Literal('PostEdited'),
  ...envelope,
  ...postFacts,
  tags: Type.Array(Type.String()),
  mentions: Type.Array(Id),
});
export const PostDeleted = Type.Object({
  type: Type.Literal('PostDeleted'),
  ...envelope,
  postId: Id,
  authorId: Id,
});
export const CommentAdded = Type.Object({
  type: Type.Literal('CommentAdded'),
  ...envelope,
  ...postFacts,
  commentId: Id,
  commenterId: Id,
  /** The comment replied to (one level deep), or null. */
  parentId: Nullable(Id),
  /**
   * The author of the comment replied to (with `parentId`), for their REPLY notification; when
   * absent, only the post's author is notified of the comment.
   */
  parentAuthorId: Type.Optional(Id),
  mentions: Type.Array(Id),
});
export const CommentDeleted = Type.Object({
  type: Type.Literal('CommentDeleted'),
  ...envelope,
  postId: Id,
  commentId: Id,
});
export const ReactionAdded = Type.Object({
  type: Type.Literal('ReactionAdded'),
  ...envelope,
  ...postFacts,
  userId: Id,
  reaction: Type.String(),
});
export const ReactionRemoved = Type.Object({
  type: Type.Literal('ReactionRemoved'),
  ...envelope,
  postId: Id,
  authorId: Id,
  userId: Id,
});
/** A counted visit: the first of `visitorId` to `ownerId`'s room on `day` (Asia/Seoul). */
export const RoomVisited = Type.Object({
  type: Type.Literal('RoomVisited'),
  ...envelope,
  ownerId: Id,
  visitorId: Id,
  day: Type.String(),
});
export const GuestbookEntryAdded = Type.Object({
  type: Type.Literal('GuestbookEntryAdded'),
  ...envelope,
  ownerId: Id,
  authorId: Id,
  entryId: Id,
});

export const SocialEvent = Type.Union([
  Followed,
  Unfollowed,
  FollowRequested,
  PostCreated,
  PostEdited,
  PostDeleted,
  CommentAdded,
  CommentDeleted,
  ReactionAdded,
  ReactionRemoved,
  RoomVisited,
  GuestbookEntryAdded,
]);
export type SocialEvent = Static<typeof SocialEvent>;

const checkSocialEvent = createChecker(SocialEvent, 'social event');

export function encodeSocialEvent(event: SocialEvent): string {
  return JSON.stringify(event);
}

/** Parses and validates a log record's value; throws SchemaMismatchError (or SyntaxError). */
export function decodeSocialEvent(value: Uint8Array | string): SocialEvent {
  const text = typeof value === 'string' ? value : Buffer.from(value).toString('utf8');
  return checkSocialEvent(JSON.parse(text));
}
