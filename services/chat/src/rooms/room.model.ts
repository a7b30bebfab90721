export type RoomType = 'DIRECT' | 'GROUP';

export interface RoomSummary {
  id: number;
  /** null for DIRECT rooms: clients show the other member (`peer`). */
  name: string | null;
  type: RoomType;
  memberCount: number;
  unreadCount: number;
  lastMessage: {
    id: number;
    content: string;
    senderId: number;
    senderNickname: string;
    createdAt: string;
  } | null;
  updatedAt: string;
  /** (+) The other member of a DIRECT room, so clients can name it without another call. */
  peer: { userId: number; nickname: string } | null;
}

export interface RoomDetail {
  id: number;
  name: string | null;
  type: RoomType;
  createdBy: number;
  createdAt: string;
  /**
   * (+) `lastReadMessageId`: the member's read position (null when they never read anything),
   * from which clients derive how many members have not read a message yet.
   */
  members: { userId: number; nickname: string; role: string; lastReadMessageId: number | null }[];
}

export const MAX_ROOM_NAME = 100;
export const MAX_GROUP_INVITE = 500;
