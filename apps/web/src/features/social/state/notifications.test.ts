import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Notification, NotificationKind } from '../api/types.ts';
import {
  badgeText,
  bellAllRead,
  bellEvent,
  bellPage,
  bellRead,
  emptyBell,
  isNotificationEvent,
  NOTIFICATION_TEXT,
  notificationTarget,
} from './notifications.ts';

const note = (id: number, kind: NotificationKind, extra: Partial<Notification> = {}): Notification => ({
  id,
  kind,
  actor: { id: 5, nickname: 'Bo', profileImageUrl: null },
  postId: null,
  commentId: null,
  entryId: null,
  reaction: null,
  read: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  ...extra,
});

describe('notifications', () => {
  it('every kind has a text', () => {
    for (const k of Object.keys(NOTIFICATION_TEXT))
      assert.match(NOTIFICATION_TEXT[k as NotificationKind], /^socialNotif/);
  });
  it('leads to the post, the follower, my settings or my room', () => {
    assert.equal(notificationTarget(note(1, 'NEW_FOLLOWER')), '/social/users/5');
    assert.equal(notificationTarget(note(1, 'FOLLOW_REQUEST')), '/social/me/settings');
    assert.equal(notificationTarget(note(1, 'GUESTBOOK', { entryId: 3 })), '/social/me/room');
    for (const k of ['COMMENT', 'REPLY', 'REACTION', 'MENTION'] as const)
      assert.equal(notificationTarget(note(1, k, { postId: 9 })), '/social/posts/9');
    assert.equal(notificationTarget(note(1, 'MENTION')), '/social/users/5');
  });
  it('pages: the first replaces, later ones append once, newest first', () => {
    let bell = bellPage(
      emptyBell,
      { notifications: [note(9, 'COMMENT'), note(7, 'REPLY')], nextCursor: 7 },
      true,
    );
    bell = bellPage(
      bell,
      { notifications: [note(7, 'REPLY'), note(4, 'REACTION')], nextCursor: null },
      false,
    );
    assert.deepEqual(
      bell.items?.map((n) => n.id),
      [9, 7, 4],
    );
    assert.equal(bell.next, null);
    bell = bellPage(bell, { notifications: [note(10, 'MENTION')], nextCursor: null }, true);
    assert.deepEqual(
      bell.items?.map((n) => n.id),
      [10],
    );
  });
  it('live events: a new one on top with the server count; a count alone', () => {
    let bell = { ...emptyBell, unread: 1 };
    bell = bellEvent(bell, { type: 'NOTIFICATION', notification: note(3, 'NEW_FOLLOWER'), unreadCount: 2 });
    assert.equal(bell.unread, 2);
    assert.equal(bell.items, null, 'not listed before the panel read its first page');
    bell = bellPage(bell, { notifications: [note(3, 'NEW_FOLLOWER')], nextCursor: null }, true);
    bell = bellEvent(bell, { type: 'NOTIFICATION', notification: note(4, 'COMMENT'), unreadCount: 3 });
    bell = bellEvent(bell, { type: 'NOTIFICATION', notification: note(4, 'COMMENT'), unreadCount: 3 });
    assert.deepEqual(
      bell.items?.map((n) => n.id),
      [4, 3],
    );
    assert.equal(bellEvent(bell, { type: 'UNREAD_COUNT', unreadCount: 0 }).unread, 0);
  });
  it('marks read once; all read', () => {
    let bell = bellPage(
      { ...emptyBell, unread: 2 },
      { notifications: [note(2, 'COMMENT'), note(1, 'REPLY')], nextCursor: null },
      true,
    );
    bell = bellRead(bell, 2);
    bell = bellRead(bell, 2);
    assert.equal(bell.unread, 1);
    assert.equal(bell.items?.[0]?.read, true);
    bell = bellAllRead(bell);
    assert.equal(bell.unread, 0);
    assert.ok(bell.items?.every((n) => n.read));
  });
  it('badge text and event checks', () => {
    assert.equal(badgeText(0), '');
    assert.equal(badgeText(7), '7');
    assert.equal(badgeText(120), '99+');
    assert.ok(isNotificationEvent({ type: 'UNREAD_COUNT', unreadCount: 1 }));
    assert.ok(
      isNotificationEvent({ type: 'NOTIFICATION', notification: note(1, 'COMMENT'), unreadCount: 1 }),
    );
    assert.ok(!isNotificationEvent({ type: 'NOTIFICATION', unreadCount: 1 }));
    assert.ok(!isNotificationEvent(null));
    assert.ok(!isNotificationEvent({ type: 'OTHER', unreadCount: 1 }));
  });
});
