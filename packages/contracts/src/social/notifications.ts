import { type Static, Type } from '@sinclair/typebox';
import { createChecker } from '../checker.ts';
import { DateTime, Id, Nullable, StringEnum } from '../common.ts';
import { SocialUser } from './follows.ts';

// Notifications (docs/services/social.md): the social service keeps them from its own events
// (social.events) and tells the chat nodes, which hold the STOMP sessions, on a pub/sub channel;
// they write them to the user's sessions subscribed to /user/queue/notifications.

/**
 * What happened to me: someone followed me (NEW_FOLLOWER) or asked to (FOLLOW_REQUEST),
 * commented on my post (COMMENT), answered my comment (REPLY), reacted to my post (REACTION),
 * named me in a post or comment (MENTION), wrote in my room's guestbook (GUESTBOOK).
 */
export const NOTIFICATION_KINDS = [
  'NEW_FOLLOWER',
  'FOLLOW_REQUEST',
  'COMMENT',
  'REPLY',
  'REACTION',
  'MENTION',
  'GUESTBOOK',
] as const;
export const NotificationKind = StringEnum(NOTIFICATION_KINDS);
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** One notification as its recipient sees it; the target ids that do not apply are null. */
export const Notification = Type.Object({
  id: Id,
  kind: NotificationKind,
  /** Who did it. */
  actor: SocialUser,
  /** The post (COMMENT, REPLY, REACTION, MENTION). */
  postId: Nullable(Id),
  /** The new comment (COMMENT, REPLY), or the comment that mentions me (MENTION in a comment). */
  commentId: Nullable(Id),
  /** The guestbook entry (GUESTBOOK). */
  entryId: Nullable(Id),
  /** The reaction (REACTION). */
  reaction: Nullable(Type.String()),
  read: Type.Boolean(),
  createdAt: DateTime,
});
export type Notification = Static<typeof Notification>;

/** `GET /api/notifications?cursor=&size=`: newest first. */
export const NotificationPage = Type.Object({
  notifications: Type.Array(Notification),
  nextCursor: Nullable(Type.Integer()),
});
export type NotificationPage = Static<typeof NotificationPage>;

/** `GET /api/notifications/unread-count`. */
export const UnreadNotifications = Type.Object({ count: Type.Integer({ minimum: 0 }) });
export type UnreadNotifications = Static<typeof UnreadNotifications>;

/** STOMP destination of a user's live notifications. */
export const NOTIFICATIONS_DESTINATION = '/user/queue/notifications';

/**
 * A message on /user/queue/notifications: a new notification with my unread count after it, or
 * only the count (read marks from another tab, notifications removed with what they were about).
 */
export const NotificationEvent = Type.Union([
  Type.Object({
    type: Type.Literal('NOTIFICATION'),
    notification: Notification,
    unreadCount: Type.Integer({ minimum: 0 }),
  }),
  Type.Object({ type: Type.Literal('UNREAD_COUNT'), unreadCount: Type.Integer({ minimum: 0 }) }),
]);
export type NotificationEvent = Static<typeof NotificationEvent>;

/** Pub/sub channel: social publishes, every chat node writes to its own sessions of `userId`. */
export const SOCIAL_NOTIFICATIONS_CHANNEL = 'social.notifications';

/** What goes on SOCIAL_NOTIFICATIONS_CHANNEL: the event for one user's sessions. */
export const NotificationNotice = Type.Object({ userId: Id, event: NotificationEvent });
export type NotificationNotice = Static<typeof NotificationNotice>;

const checkNotificationNotice = createChecker(NotificationNotice, 'social: notification notice');

export function encodeNotificationNotice(notice: NotificationNotice): string {
  return JSON.stringify(notice);
}

/** Parses and validates a pub/sub payload; throws SchemaMismatchError (or SyntaxError). */
export function decodeNotificationNotice(payload: string): NotificationNotice {
  return checkNotificationNotice(JSON.parse(payload));
}
