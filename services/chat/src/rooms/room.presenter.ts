import type { RoomDetail, RoomSummary } from '@chat/contracts';
import type { RoomListRow, RoomMemberRow, RoomRow } from './room.repository.ts';

/** A user chat has no name for (an event not seen yet): how the API names them. */
const UNKNOWN = '(unknown)';

/** A room as the room list shows it (GET /api/rooms, ROOM_ADDED). */
export function presentRoomSummary(r: RoomListRow): RoomSummary {
  return {
    id: r.id,
    name: r.name,
    type: r.type,
    memberCount: r.member_count,
    unreadCount: r.unread,
    unreadMentionCount: r.unread_mentions,
    imageUrl: r.image_url,
    closedAt: r.closed_at?.toISOString() ?? null,
    muted: r.muted,
    pinned: r.pinned_at !== null,
    lastMessage:
      r.lm_id === null
        ? null
        : {
            id: r.lm_id,
            content: r.lm_hidden ? '' : (r.lm_content ?? ''),
            senderId: r.lm_sender_id ?? 0,
            senderNickname: r.lm_nickname ?? UNKNOWN,
            createdAt: r.lm_created_at?.toISOString() ?? '',
            deletedAt: r.lm_deleted_at?.toISOString() ?? null,
            ...(r.lm_hidden ? { hidden: true } : {}),
          },
    updatedAt: r.updated_at.toISOString(),
    peer: r.peer_id === null ? null : { userId: r.peer_id, nickname: r.peer_nickname ?? UNKNOWN },
  };
}

/** A room with its members (GET /api/rooms/{id}, and the answer of create and invite). */
export function presentRoomDetail({
  room,
  members,
}: {
  room: RoomRow;
  members: RoomMemberRow[];
}): RoomDetail {
  return {
    id: room.id,
    name: room.name,
    type: room.type,
    createdBy: room.created_by,
    createdAt: room.created_at.toISOString(),
    imageUrl: room.image_url,
    closedAt: room.closed_at?.toISOString() ?? null,
    members: members.map((m) => ({
      userId: m.user_id,
      nickname: m.nickname ?? UNKNOWN,
      role: m.role,
      lastReadMessageId: m.last_read_message_id,
    })),
  };
}
