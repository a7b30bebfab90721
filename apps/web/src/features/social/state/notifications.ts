// The notification bell's state, framework-free: each kind's text and where clicking it goes,
// and the list and unread count as pages and live events (/user/queue/notifications) change them.
import type { Notification, NotificationEvent, NotificationKind } from '../api/types.ts';
import { profilePath, socialPath } from './routes.ts';

/** The message key of each kind's text; `{name}` is the actor, `{reaction}` the reaction's name. */
export const NOTIFICATION_TEXT: Record<NotificationKind, `socialNotif${string}`> = {
  NEW_FOLLOWER: 'socialNotifFollower',
  FOLLOW_REQUEST: 'socialNotifRequest',
  COMMENT: 'socialNotifComment',
  REPLY: 'socialNotifReply',
  REACTION: 'socialNotifReaction',
  MENTION: 'socialNotifMention',
  GUESTBOOK: 'socialNotifGuestbook',
};

/**
 * Where a notification leads: the post it is about, the follower's profile, my settings (a
 * request waits there), my room's guestbook.
 */
export function notificationTarget(n: Notification): string {
  switch (n.kind) {
    case 'NEW_FOLLOWER':
      return profilePath(n.actor.id);
    case 'FOLLOW_REQUEST':
      return socialPath({ kind: 'settings' });
    case 'GUESTBOOK':
      return socialPath({ kind: 'my-room' });
    default:
      return n.postId ? socialPath({ kind: 'post', id: n.postId }) : profilePath(n.actor.id);
  }
}

export interface Bell {
  /** Shown newest first; null until the first page is read. */
  items: Notification[] | null;
  next: number | null;
  unread: number;
}

export const emptyBell: Bell = { items: null, next: null, unread: 0 };

/** A page read from the list: the first replaces what is shown, later ones append (each once). */
export function bellPage(
  bell: Bell,
  page: { notifications: Notification[]; nextCursor: number | null },
  first: boolean,
): Bell {
  const byId = new Map<number, Notification>();
  for (const n of [...(first ? [] : (bell.items ?? [])), ...page.notifications]) byId.set(n.id, n);
  return { ...bell, items: [...byId.values()].sort((a, b) => b.id - a.id), next: page.nextCursor };
}

/** A live event: a new notification goes on top (once), and the count is the server's. */
export function bellEvent(bell: Bell, e: NotificationEvent): Bell {
  if (e.type === 'UNREAD_COUNT') return { ...bell, unread: e.unreadCount };
  const items =
    bell.items === null ? null : [e.notification, ...bell.items.filter((n) => n.id !== e.notification.id)];
  return { ...bell, items, unread: e.unreadCount };
}

/** One marked read here (the count goes down once, if it was unread). */
export function bellRead(bell: Bell, id: number): Bell {
  const was = bell.items?.find((n) => n.id === id);
  if (!was || was.read) return bell;
  return {
    ...bell,
    items: bell.items!.map((n) => (n.id === id ? { ...n, read: true } : n)),
    unread: Math.max(0, bell.unread - 1),
  };
}

export function bellAllRead(bell: Bell): Bell {
  return { ...bell, items: bell.items?.map((n) => ({ ...n, read: true })) ?? null, unread: 0 };
}

/** The badge's text: nothing at 0, `99+` beyond 99. */
export const badgeText = (unread: number): string =>
  unread <= 0 ? '' : unread > 99 ? '99+' : String(unread);

/** Whether a STOMP body is a notification event we understand (it crosses a process boundary). */
export function isNotificationEvent(body: unknown): body is NotificationEvent {
  const e = body as Partial<NotificationEvent> | null;
  if (!e || typeof e.unreadCount !== 'number') return false;
  if (e.type === 'UNREAD_COUNT') return true;
  const n = (e as { notification?: Partial<Notification> }).notification;
  return e.type === 'NOTIFICATION' && typeof n?.id === 'number' && typeof n.kind === 'string' && !!n.actor;
}
