import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Message, RoomDetail, RoomEvent, RoomSummary } from '../../../lib/wire.ts';
import {
  applyLiveMessage,
  applyRoomEvent,
  markRoomRead,
  roomTitle,
  sortRooms,
  summaryOfDetail,
} from './chat-list.ts';

function room(id: number, updatedAt: string, over: Partial<RoomSummary> = {}): RoomSummary {
  return {
    id,
    name: null,
    type: 'DIRECT',
    memberCount: 2,
    unreadCount: 0,
    lastMessage: null,
    updatedAt,
    peer: { userId: 50 + id, nickname: `친구${id}` },
    ...over,
  };
}

function live(roomId: number, id: number, senderId: number, createdAt: string): Message {
  return {
    id,
    seq: id,
    messageKey: `k${id}`,
    roomId,
    senderId,
    senderNickname: 'x',
    content: `hi ${id}`,
    type: 'TEXT',
    createdAt,
    timestamp: Date.parse(createdAt),
  };
}

describe('chat list', () => {
  const rooms = sortRooms([room(1, '2026-01-01T00:00:00.000Z'), room(2, '2026-01-02T00:00:00.000Z')]);

  it('lists the most recent room first', () => {
    assert.deepEqual(
      rooms.map((r) => r.id),
      [2, 1],
    );
  });

  it("moves a room up and counts another's live message as unread", () => {
    const next = applyLiveMessage(rooms, live(1, 10, 99, '2026-01-03T00:00:00.000Z'), {
      myId: 7,
      openRoomId: null,
    });
    assert.deepEqual(
      next.map((r) => r.id),
      [1, 2],
    );
    assert.equal(next[0]!.unreadCount, 1);
    assert.equal(next[0]!.lastMessage?.content, 'hi 10');
  });

  it('does not count my own messages, the open room, or a message seen twice', () => {
    const at = '2026-01-03T00:00:00.000Z';
    let next = applyLiveMessage(rooms, live(1, 10, 7, at), { myId: 7, openRoomId: null });
    assert.equal(next.find((r) => r.id === 1)!.unreadCount, 0);
    next = applyLiveMessage(rooms, live(1, 10, 99, at), { myId: 7, openRoomId: 1 });
    assert.equal(next.find((r) => r.id === 1)!.unreadCount, 0);
    next = applyLiveMessage(rooms, live(1, 10, 99, at), { myId: 7, openRoomId: null });
    next = applyLiveMessage(next, live(1, 10, 99, at), { myId: 7, openRoomId: null });
    assert.equal(next.find((r) => r.id === 1)!.unreadCount, 1);
  });

  it('counts a live message that mentions me as an unread mention, until the room is read', () => {
    const at = '2026-01-03T00:00:00.000Z';
    const mentioning = { ...live(1, 10, 99, at), mentions: [7] };
    let next = applyLiveMessage(rooms, mentioning, { myId: 7, openRoomId: null });
    next = applyLiveMessage(next, { ...live(1, 11, 99, at), mentions: [8] }, { myId: 7, openRoomId: null });
    assert.deepEqual([next[0]!.unreadCount, next[0]!.unreadMentionCount], [2, 1]);
    assert.equal(markRoomRead(next, 1)[0]!.unreadMentionCount, 0);
  });

  it('titles a 1:1 with a deleted account as an unknown user', () => {
    const gone = room(4, '2026-01-01T00:00:00.000Z', { peer: { userId: 9, nickname: '(unknown)' } });
    assert.equal(roomTitle(gone, '알 수 없는 사용자'), '알 수 없는 사용자');
  });

  it('clears the badge when the room is read and titles a 1:1 by the other person', () => {
    const read = markRoomRead([room(3, '2026-01-01T00:00:00.000Z', { unreadCount: 4 })], 3);
    assert.equal(read[0]!.unreadCount, 0);
    assert.equal(roomTitle(read[0]!), '친구3');
    assert.equal(roomTitle(room(4, 'x', { name: '동기들', type: 'GROUP' })), '동기들');
  });

  it('shows a room someone else created with me in its place by activity, once', () => {
    const group = room(5, '2026-01-01T12:00:00.000Z', { name: '새 그룹', type: 'GROUP', peer: null });
    const next = applyRoomEvent(rooms, { type: 'ROOM_ADDED', roomId: 5, room: group });
    assert.deepEqual(
      next.map((r) => r.id),
      [2, 5, 1],
    );
    const again = applyRoomEvent(next, { type: 'ROOM_ADDED', roomId: 5, room: { ...group, unreadCount: 9 } });
    assert.deepEqual(again, next, 'a room already listed keeps what live messages made of it');
  });

  it('drops a room I left (in this tab or another), and ignores one it never had', () => {
    assert.deepEqual(
      applyRoomEvent(rooms, { type: 'ROOM_REMOVED', roomId: 2 }).map((r) => r.id),
      [1],
    );
    assert.deepEqual(applyRoomEvent(rooms, { type: 'ROOM_REMOVED', roomId: 42 }), rooms);
  });

  it('a message I deleted for me in another tab leaves the preview when it is the last one', () => {
    const last = {
      id: 7,
      content: '지울 말',
      senderId: 51,
      senderNickname: '친구1',
      createdAt: '2026-01-01T00:00:00Z',
    };
    const list = [room(1, '2026-01-01T00:00:00Z', { lastMessage: last }), room(2, '2026-01-01T00:00:00Z')];
    const next = applyRoomEvent(list, { type: 'MESSAGE_HIDDEN', roomId: 1, messageId: 7 });
    assert.deepEqual(next[0]!.lastMessage, { ...last, content: '', hidden: true });
    assert.equal(next[1], list[1]);
    const older = applyRoomEvent(list, { type: 'MESSAGE_HIDDEN', roomId: 1, messageId: 6 });
    assert.deepEqual(older[0]!.lastMessage, last, 'an older message: the preview stays');
    const unknown = { type: 'SOMETHING_NEW', roomId: 3 } as unknown as RoomEvent;
    assert.deepEqual(applyRoomEvent(list, unknown), list, 'an event type from a newer server: no change');
  });

  it('a room I read up to its last message in another tab has nothing unread; read short of it, the count stays', () => {
    const last = {
      id: 9,
      content: '마지막',
      senderId: 51,
      senderNickname: '친구1',
      createdAt: '2026-01-01T00:00:00Z',
    };
    const list = [
      room(1, '2026-01-01T00:00:00Z', { lastMessage: last, unreadCount: 3, unreadMentionCount: 1 }),
      room(2, '2026-01-01T00:00:00Z', { unreadCount: 2 }),
    ];
    const short = applyRoomEvent(list, { type: 'ROOM_READ', roomId: 1, lastReadMessageId: 8 });
    assert.deepEqual(
      short.map((r) => r.unreadCount),
      [3, 2],
    );
    const read = applyRoomEvent(list, { type: 'ROOM_READ', roomId: 1, lastReadMessageId: 9 });
    assert.deepEqual(
      read.map((r) => [r.unreadCount, r.unreadMentionCount ?? 0]),
      [
        [0, 0],
        [2, 0],
      ],
    );
    assert.deepEqual(applyRoomEvent(list, { type: 'ROOM_READ', roomId: 42, lastReadMessageId: 9 }), list);
  });
});

describe('a room my list does not hold (summaryOfDetail)', () => {
  const detail = (over: Partial<RoomDetail>): RoomDetail => ({
    id: 7,
    name: null,
    type: 'DIRECT',
    createdBy: 1,
    createdAt: '2026-12-01T00:00:00Z',
    members: [
      { userId: 1, nickname: '나', role: 'MEMBER', lastReadMessageId: null },
      { userId: 2, nickname: '동창', role: 'MEMBER', lastReadMessageId: 5 },
    ],
    ...over,
  });

  it('titles a 1:1 by the other member, whichever of the two I am', () => {
    assert.equal(roomTitle(summaryOfDetail(detail({}), 1)), '동창');
    assert.equal(roomTitle(summaryOfDetail(detail({}), 2)), '나');
    assert.deepEqual(summaryOfDetail(detail({}), 1).peer, { userId: 2, nickname: '동창' });
  });

  it('titles a group by its name, with no peer, and keeps it closed when it is', () => {
    const s = summaryOfDetail(detail({ type: 'GROUP', name: '동아리', closedAt: '2026-12-02T00:00:00Z' }), 1);
    assert.equal(roomTitle(s), '동아리');
    assert.equal(s.peer, null);
    assert.equal(s.closedAt, '2026-12-02T00:00:00Z');
    assert.equal(s.memberCount, 2);
  });
});
