import { type Static, Type } from '@sinclair/typebox';
import { Id } from '../common.ts';
import { NAME_PATTERN } from '../text.ts';

// Chat's room wire shapes (CONTRACT.md "Rooms"): REST bodies, parameters and responses.

/** Room name length in Unicode code points (stored trimmed, in NFC). */
export const ROOM_NAME_MAX = 100;
/** At most this many users in one group creation or invitation. */
export const GROUP_INVITE_MAX = 500;

export const RoomParams = Type.Object({ roomId: Id });
export type RoomParams = Static<typeof RoomParams>;

/** `POST /api/rooms/direct`. */
export const CreateDirectBody = Type.Object({ targetUserId: Id }, { additionalProperties: false });
export type CreateDirectBody = Static<typeof CreateDirectBody>;

/** `POST /api/rooms/group`. */
export const CreateGroupBody = Type.Object(
  {
    // No controls, bidi overrides or invisible characters; stored trimmed, in NFC (1..100).
    name: Type.String({ minLength: 1, maxLength: 400, pattern: NAME_PATTERN }),
    memberIds: Type.Array(Id, { maxItems: GROUP_INVITE_MAX }),
  },
  { additionalProperties: false },
);
export type CreateGroupBody = Static<typeof CreateGroupBody>;

/** `POST /api/rooms/{roomId}/members`. */
export const InviteBody = Type.Object(
  { userIds: Type.Array(Id, { minItems: 1, maxItems: GROUP_INVITE_MAX }) },
  { additionalProperties: false },
);
export type InviteBody = Static<typeof InviteBody>;

/** `POST /api/rooms/{roomId}/read`. */
export const ReadBody = Type.Object({ lastReadMessageId: Id }, { additionalProperties: false });
export type ReadBody = Static<typeof ReadBody>;

export const RoomType = Type.Union([Type.Literal('DIRECT'), Type.Literal('GROUP')]);
export type RoomType = Static<typeof RoomType>;

/** A room with its members (`GET /api/rooms/{id}`, and the answer of create and invite). */
export const RoomDetail = Type.Object({
  id: Type.Integer(),
  name: Type.Union([Type.String(), Type.Null()]),
  type: RoomType,
  createdBy: Type.Integer(),
  createdAt: Type.String(),
  members: Type.Array(
    Type.Object({
      userId: Type.Integer(),
      nickname: Type.String(),
      role: Type.String(),
      /** (+) The member's read mark; null when they have not read anything. */
      lastReadMessageId: Type.Union([Type.Integer(), Type.Null()]),
    }),
  ),
});
export type RoomDetail = Static<typeof RoomDetail>;

/** A room as the room list shows it (`GET /api/rooms`, ROOM_ADDED). */
export const RoomSummary = Type.Object({
  id: Type.Integer(),
  /** null for DIRECT rooms: clients show the other member (`peer`). */
  name: Type.Union([Type.String(), Type.Null()]),
  type: RoomType,
  memberCount: Type.Integer(),
  unreadCount: Type.Integer(),
  lastMessage: Type.Union([
    Type.Object({
      id: Type.Integer(),
      content: Type.String(),
      senderId: Type.Integer(),
      senderNickname: Type.String(),
      createdAt: Type.String(),
    }),
    Type.Null(),
  ]),
  updatedAt: Type.String(),
  /** (+) The other member of a DIRECT room, so clients can name it without another call. */
  peer: Type.Union([Type.Object({ userId: Type.Integer(), nickname: Type.String() }), Type.Null()]),
});
export type RoomSummary = Static<typeof RoomSummary>;

export const RoomSummaryList = Type.Array(RoomSummary);
