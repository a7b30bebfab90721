import { type Static, Type } from '@sinclair/typebox';
import { DateTime, Id, Nullable, StringEnum } from '../common.ts';
import { SocialUser } from './follows.ts';
import { PostVisibility } from './visibility.ts';

// Posts, comments, reactions, tag pages and the feed (docs/services/social.md). Who sees a
// post is said in visibility.ts; every list holds only what the caller may see.

/** A post's text, in characters (code points). */
export const POST_TEXT_MAX = 2_000;
export const POST_IMAGES_MAX = 4;
export const POST_TAGS_MAX = 10;
/** A tag's length once normalised (normalizeTag), in characters. */
export const TAG_MAX = 30;
/** Users named in one post or comment. */
export const MENTIONS_MAX = 20;
export const COMMENT_TEXT_MAX = 1_000;
/** An image's largest size, in bytes (the gateway's default body limit). */
export const POST_IMAGE_MAX = 1_048_576;
export const POST_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;

/** The reactions a post takes: one per user, of one kind. */
export const REACTION_KINDS = ['LIKE', 'LOVE', 'HAHA', 'WOW', 'SAD'] as const;
export const ReactionKind = StringEnum(REACTION_KINDS);
export type ReactionKind = (typeof REACTION_KINDS)[number];

const TAG_CHARS = /^[\p{L}\p{M}\p{N}_]+$/u;

/**
 * A tag as stored and searched: `#` and white space around it dropped, NFC, lower case. Null
 * when nothing is left or it holds other than letters, digits and `_` (`#서울`, `#Cats_2024`).
 */
export function normalizeTag(raw: string): string | null {
  const tag = raw.trim().replace(/^#+/, '').trim().normalize('NFC').toLowerCase();
  return tag !== '' && TAG_CHARS.test(tag) ? tag : null;
}

/** An uploaded image's id (random, 22 characters of base64url). */
export const ImageId = Type.String({ pattern: '^[A-Za-z0-9_-]{22}$' });

const Mentions = Type.Array(Id, {
  maxItems: MENTIONS_MAX,
  description: `Ids of users named (at most ${MENTIONS_MAX}, each must exist); repeats count once`,
});
const Tags = Type.Array(Type.String({ maxLength: 100 }), {
  maxItems: POST_TAGS_MAX,
  description: `At most ${POST_TAGS_MAX}; \`#\` dropped, lower-cased; letters, digits and _, at most ${TAG_MAX} each`,
});

/** `POST /api/social/posts`: text or images (or both); PUBLIC unless said. */
export const CreatePostBody = Type.Object(
  {
    text: Type.Optional(Type.String({ maxLength: POST_TEXT_MAX })),
    visibility: Type.Optional(PostVisibility),
    tags: Type.Optional(Tags),
    mentions: Type.Optional(Mentions),
    /** Images uploaded with `POST /api/social/posts/images`, in the order shown. */
    imageIds: Type.Optional(Type.Array(ImageId, { maxItems: POST_IMAGES_MAX, uniqueItems: true })),
  },
  { additionalProperties: false },
);
export type CreatePostBody = Static<typeof CreatePostBody>;

/** `PATCH /api/social/posts/{postId}`: what is sent replaces what was (images stay as they are). */
export const UpdatePostBody = Type.Object(
  {
    text: Type.Optional(Type.String({ maxLength: POST_TEXT_MAX })),
    visibility: Type.Optional(PostVisibility),
    tags: Type.Optional(Tags),
    mentions: Type.Optional(Mentions),
  },
  { additionalProperties: false },
);
export type UpdatePostBody = Static<typeof UpdatePostBody>;

/** An upload waiting for a post (`POST /api/social/posts/images`). */
export const UploadedImage = Type.Object({
  id: ImageId,
  contentType: Type.String(),
  size: Type.Integer({ minimum: 1 }),
});
export type UploadedImage = Static<typeof UploadedImage>;

export const PostImage = Type.Object({
  id: ImageId,
  /** `/api/social/posts/{postId}/images/{imageId}`: with the token, for whoever may see the post. */
  url: Type.String(),
  contentType: Type.String(),
  size: Type.Integer({ minimum: 1 }),
});
export type PostImage = Static<typeof PostImage>;

const Count = Type.Integer({ minimum: 0 });
export const ReactionCounts = Type.Object({ LIKE: Count, LOVE: Count, HAHA: Count, WOW: Count, SAD: Count });
export type ReactionCounts = Static<typeof ReactionCounts>;

/** A post's reactions: how many of each kind, and the caller's. */
export const ReactionSummary = Type.Object({
  counts: ReactionCounts,
  total: Type.Integer({ minimum: 0 }),
  mine: Nullable(ReactionKind),
});
export type ReactionSummary = Static<typeof ReactionSummary>;

export const Post = Type.Object({
  id: Id,
  author: SocialUser,
  text: Type.String(),
  visibility: PostVisibility,
  tags: Type.Array(Type.String()),
  mentions: Type.Array(SocialUser),
  images: Type.Array(PostImage),
  createdAt: DateTime,
  /** When the author last edited it, or null. */
  editedAt: Nullable(DateTime),
  reactions: ReactionSummary,
  /** Comments and replies. */
  commentCount: Type.Integer({ minimum: 0 }),
});
export type Post = Static<typeof Post>;

/** Posts newest first; `nextCursor` (a post id) asks for the next page, null at the end. */
export const PostPage = Type.Object({
  posts: Type.Array(Post),
  nextCursor: Nullable(Type.Integer()),
});
export type PostPage = Static<typeof PostPage>;

export const PostParams = Type.Object({ postId: Id });
export type PostParams = Static<typeof PostParams>;
export const PostImageParams = Type.Object({ postId: Id, imageId: ImageId });
export type PostImageParams = Static<typeof PostImageParams>;
export const CommentParams = Type.Object({ postId: Id, commentId: Id });
export type CommentParams = Static<typeof CommentParams>;
/** A tag as written (`%23Seoul` or `seoul`): normalised like a post's tags. */
export const TagParams = Type.Object({ tag: Type.String({ minLength: 1, maxLength: 100 }) });
export type TagParams = Static<typeof TagParams>;

/** `POST /api/social/posts/{postId}/comments`: a comment, or a reply to a top-level one. */
export const CreateCommentBody = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: COMMENT_TEXT_MAX }),
    /** A top-level comment of the same post (replies are one level deep). */
    parentId: Type.Optional(Id),
    mentions: Type.Optional(Mentions),
  },
  { additionalProperties: false },
);
export type CreateCommentBody = Static<typeof CreateCommentBody>;

export const Comment = Type.Object({
  id: Id,
  postId: Id,
  parentId: Nullable(Id),
  author: SocialUser,
  text: Type.String(),
  mentions: Type.Array(SocialUser),
  createdAt: DateTime,
  /** Replies to it (0 for a reply). */
  replyCount: Type.Integer({ minimum: 0 }),
});
export type Comment = Static<typeof Comment>;

/** Comments oldest first; `nextCursor` (a comment id) asks for the next page. */
export const CommentPage = Type.Object({
  comments: Type.Array(Comment),
  nextCursor: Nullable(Type.Integer()),
});
export type CommentPage = Static<typeof CommentPage>;

/** `POST /api/social/posts/{postId}/reactions`, `PUT .../reactions/me`. */
export const ReactionBody = Type.Object({ kind: ReactionKind }, { additionalProperties: false });
export type ReactionBody = Static<typeof ReactionBody>;

/** `GET /api/social/posts/{postId}/reactions?kind=&cursor=&size=`: who reacted, newest first. */
export const ReactionsQuery = Type.Object({
  kind: Type.Optional(ReactionKind),
  cursor: Type.Optional(Type.Integer({ minimum: 1 })),
  size: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
});
export type ReactionsQuery = Static<typeof ReactionsQuery>;

export const ReactionPage = Type.Object({
  users: Type.Array(Type.Intersect([SocialUser, Type.Object({ kind: ReactionKind, since: DateTime })])),
  nextCursor: Nullable(Type.Integer()),
});
export type ReactionPage = Static<typeof ReactionPage>;
