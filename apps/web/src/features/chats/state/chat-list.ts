// The chat list as plain data: most recent first, last message and unread count kept current
// from live messages and read marks.
import { shownName } from '../../../lib/names.ts';
import type { Message, RoomDetail, RoomEvent, RoomSummary } from '../../../lib/wire.ts';

/** Pinned rooms first, then the most recent activity (the server's order). */
export function sortRooms(rooms: readonly RoomSummary[]): RoomSummary[] {
  return [...rooms].sort(
    (a, b) =>
      Number(b.pinned ?? false) - Number(a.pinned ?? false) ||
      b.updatedAt.localeCompare(a.updatedAt) ||
      b.id - a.id,
  );
}

/** My settings of a room changed (the server's new list item); a hidden room leaves the list. */
export function applySummary(
  rooms: readonly RoomSummary[],
  summary: RoomSummary,
  hidden = false,
): RoomSummary[] {
  const rest = rooms.filter((r) => r.id !== summary.id);
  return hidden ? rest : sortRooms([...rest, summary]);
}

/**
 * A live message for one of the rooms. Unread grows for others' messages unless the user is
 * looking at that room; a message already shown (same or older id) changes nothing.
 */
export function applyLiveMessage(
  rooms: readonly RoomSummary[],
  m: Message,
  opts: { myId: number; openRoomId: number | null },
): RoomSummary[] {
  const room = rooms.find((r) => r.id === m.roomId);
  if (!room) return [...rooms];
  if (room.lastMessage && room.lastMessage.id >= m.id) return [...rooms];
  // A message hidden from me (from someone I blocked) is not news.
  if (m.hidden) return [...rooms];
  const counts = m.senderId !== opts.myId && opts.openRoomId !== m.roomId;
  const updated: RoomSummary = {
    ...room,
    lastMessage: {
      id: m.id,
      content: m.content,
      senderId: m.senderId,
      senderNickname: m.senderNickname,
      createdAt: m.createdAt,
    },
    updatedAt: m.createdAt,
    // The room's own news: a new name, closed.
    ...(m.system?.event === 'ROOM_RENAMED' && m.system.name !== undefined ? { name: m.system.name } : {}),
    ...(m.system?.event === 'ROOM_CLOSED' ? { closedAt: m.createdAt } : {}),
    unreadCount: counts ? room.unreadCount + 1 : room.unreadCount,
    unreadMentionCount:
      counts && m.mentions?.includes(opts.myId)
        ? (room.unreadMentionCount ?? 0) + 1
        : (room.unreadMentionCount ?? 0),
  };
  return sortRooms(rooms.map((r) => (r.id === m.roomId ? updated : r)));
}

function markReadUpTo(rooms: readonly RoomSummary[], roomId: number, messageId: number): RoomSummary[] {
  const room = rooms.find((r) => r.id === roomId);
  const last = room?.lastMessage?.id;
  return last !== undefined && last <= messageId ? markRoomRead(rooms, roomId) : [...rooms];
}

/** The user read a room up to its latest message: its unread count becomes 0. */
export function markRoomRead(rooms: readonly RoomSummary[], roomId: number): RoomSummary[] {
  return rooms.map((r) =>
    r.id === roomId && (r.unreadCount !== 0 || r.unreadMentionCount)
      ? { ...r, unreadCount: 0, unreadMentionCount: 0 }
      : r,
  );
}

/**
 * A room I am in that my list does not show (hidden until a newer message, or the list not yet
 * current) as a list item made from its detail: what titles the open room (its name, or the
 * other member of a 1:1) and whether it is closed. It has no last message, unread count or
 * settings of mine.
 */
export function summaryOfDetail(d: RoomDetail, myId: number): RoomSummary {
  const other = d.type === 'DIRECT' ? d.members.find((m) => m.userId !== myId) : undefined;
  return {
    id: d.id,
    name: d.name,
    type: d.type,
    memberCount: d.members.length,
    unreadCount: 0,
    imageUrl: d.imageUrl ?? null,
    closedAt: d.closedAt ?? null,
    lastMessage: null,
    updatedAt: d.createdAt,
    peer: other ? { userId: other.userId, nickname: other.nickname } : null,
  };
}

/**
 * What the list shows as a room's title: its name, or the other person of a 1:1 (`unknownUser`
 * when the server has no name for them: a deleted account).
 */
export function roomTitle(r: RoomSummary, unknownUser = '(unknown)'): string {
  return r.name ?? (r.peer ? shownName(r.peer.nickname, unknownUser) : '');
}

/**
 * A room entered my list (someone opened a 1:1 with me, created a group with me, invited me)
 * or left it (I left, maybe in another tab); I hid a message or read a room elsewhere. A room
 * already listed is kept as it is: live messages keep it current, and the list item may have
 * been read before them.
 */
export function applyRoomEvent(rooms: readonly RoomSummary[], e: RoomEvent): RoomSummary[] {
  if (e.type === 'ROOM_REMOVED') return rooms.filter((r) => r.id !== e.roomId);
  if (e.type === 'MESSAGE_HIDDEN') {
    // Deleted for me (in another tab): the preview of that message goes, as after a reload.
    return rooms.map((r) =>
      r.id === e.roomId && r.lastMessage?.id === e.messageId
        ? { ...r, lastMessage: { ...r.lastMessage, content: '', hidden: true } }
        : r,
    );
  }
  if (e.type === 'ROOM_READ') {
    // Read in another tab or on another device: up to the room's last message, nothing is
    // unread any more; a mark short of it leaves the count to the next list load.
    return markReadUpTo(rooms, e.roomId, e.lastReadMessageId);
  }
  // Event types this client does not know (the server may add some) change nothing.
  if (e.type !== 'ROOM_ADDED' || rooms.some((r) => r.id === e.roomId)) return [...rooms];
  return sortRooms([...rooms, e.room]);
}
