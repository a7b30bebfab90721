// The chat list as plain data: most recent first, last message and unread count kept current
// from live messages and read marks.
import type { Message, RoomEvent, RoomSummary } from '../../../lib/wire.ts';

export function sortRooms(rooms: readonly RoomSummary[]): RoomSummary[] {
  return [...rooms].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || b.id - a.id);
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
    unreadCount: counts ? room.unreadCount + 1 : room.unreadCount,
  };
  return sortRooms(rooms.map((r) => (r.id === m.roomId ? updated : r)));
}

/** The user read a room up to its latest message: its unread count becomes 0. */
export function markRoomRead(rooms: readonly RoomSummary[], roomId: number): RoomSummary[] {
  return rooms.map((r) => (r.id === roomId && r.unreadCount !== 0 ? { ...r, unreadCount: 0 } : r));
}

/** What the list shows as a room's title: its name, or the other person of a 1:1. */
export function roomTitle(r: RoomSummary): string {
  return r.name ?? r.peer?.nickname ?? '';
}

/**
 * A room entered my list (someone opened a 1:1 with me, created a group with me, invited me)
 * or left it (I left, maybe in another tab). A room already listed is kept as it is: live
 * messages keep it current, and the list item may have been read before them.
 */
export function applyRoomEvent(rooms: readonly RoomSummary[], e: RoomEvent): RoomSummary[] {
  if (e.type === 'ROOM_REMOVED') return rooms.filter((r) => r.id !== e.roomId);
  if (rooms.some((r) => r.id === e.roomId)) return [...rooms];
  return sortRooms([...rooms, e.room]);
}
