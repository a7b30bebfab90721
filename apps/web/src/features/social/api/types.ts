// The social wire types, from @chat/contracts (shared with the server, never re-typed by hand).
// Type-only: nothing of the schema libraries reaches the bundle.
export type {
  Comment,
  CommentPage,
  CreateCommentBody,
  CreatePostBody,
  FollowResult,
  FollowState,
  Notification,
  NotificationEvent,
  NotificationKind,
  NotificationPage,
  Post,
  PostPage,
  PostVisibility,
  PublicProfile,
  ReactionKind,
  ReactionSummary,
  SocialProfile,
  SocialSettings,
  SocialUser,
  UnreadNotifications,
  UpdatePostBody,
  UploadedImage,
  UserPage,
} from '@chat/contracts';

/** Literal copies of the contract's lists (values would pull the schemas into the bundle). */
export const REACTIONS = ['LIKE', 'LOVE', 'HAHA', 'WOW', 'SAD'] as const;
export const VISIBILITIES = ['PUBLIC', 'FOLLOWERS', 'PRIVATE'] as const;
export const POST_TEXT_MAX = 2_000;
export const POST_IMAGES_MAX = 4;
export const POST_TAGS_MAX = 10;
export const MENTIONS_MAX = 20;
export const NICKNAME_MAX = 30;
export const COMMENT_TEXT_MAX = 1_000;
export const POST_IMAGE_MAX = 1_048_576;
export const POST_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
export const NOTIFICATIONS_DESTINATION = '/user/queue/notifications';
