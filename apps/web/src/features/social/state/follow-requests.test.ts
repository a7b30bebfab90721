import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Notification, NotificationEvent, NotificationKind } from '../api/types.ts';
import { type Requester, requestsAfterEvent, requestsWithPage } from './follow-requests.ts';

const person = (id: number): Requester => ({
  id,
  nickname: `u${id}`,
  profileImageUrl: null,
  since: '2026-01-01T00:00:00.000Z',
});
const event = (kind: NotificationKind, actorId: number): NotificationEvent => ({
  type: 'NOTIFICATION',
  unreadCount: 1,
  notification: {
    id: 99,
    kind,
    actor: { id: actorId, nickname: `u${actorId}`, profileImageUrl: null },
    postId: null,
    commentId: null,
    entryId: null,
    reaction: null,
    read: false,
    createdAt: '2026-01-01T00:00:00.000Z',
  } satisfies Notification,
});

describe('follow requests', () => {
  it('a live request goes on top', () => {
    assert.deepEqual(
      requestsAfterEvent([person(1), person(2)], event('FOLLOW_REQUEST', 3))?.map((u) => u.id),
      [3, 1, 2],
    );
  });

  it('a request asked again is one row, moved to the top', () => {
    assert.deepEqual(
      requestsAfterEvent([person(1), person(2)], event('FOLLOW_REQUEST', 2))?.map((u) => u.id),
      [2, 1],
    );
  });

  it('other notices, and a list not read yet, stay as they are', () => {
    const list = [person(1)];
    assert.equal(requestsAfterEvent(list, event('NEW_FOLLOWER', 3)), list);
    assert.equal(
      requestsAfterEvent(list, { type: 'UNREAD_COUNT', unreadCount: 0 } as NotificationEvent),
      list,
    );
    assert.equal(requestsAfterEvent(null, event('FOLLOW_REQUEST', 3)), null);
  });

  it('pages: the first replaces, the next append without repeats', () => {
    const live = requestsAfterEvent([person(1)], event('FOLLOW_REQUEST', 5)) ?? [];
    assert.deepEqual(
      requestsWithPage(live, [person(7)], true).map((u) => u.id),
      [7],
    );
    assert.deepEqual(
      requestsWithPage(live, [person(1), person(0)], false).map((u) => u.id),
      [5, 1, 0],
    );
  });
});
