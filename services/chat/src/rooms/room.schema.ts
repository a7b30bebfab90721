import { NAME_PATTERN } from '@chat/contracts';
import { type Static, Type } from '@sinclair/typebox';

const Id = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });

export const RoomParams = Type.Object({ roomId: Id });
export type RoomParams = Static<typeof RoomParams>;

export const CreateDirectBody = Type.Object({ targetUserId: Id }, { additionalProperties: false });
export type CreateDirectBody = Static<typeof CreateDirectBody>;

export const CreateGroupBody = Type.Object(
  {
    // No controls, bidi overrides or invisible characters; stored trimmed, in NFC (1..100).
    name: Type.String({ minLength: 1, maxLength: 400, pattern: NAME_PATTERN }),
    memberIds: Type.Array(Id, { maxItems: 500 }),
  },
  { additionalProperties: false },
);
export type CreateGroupBody = Static<typeof CreateGroupBody>;

export const InviteBody = Type.Object(
  { userIds: Type.Array(Id, { minItems: 1, maxItems: 500 }) },
  { additionalProperties: false },
);
export type InviteBody = Static<typeof InviteBody>;

export const ReadBody = Type.Object({ lastReadMessageId: Id }, { additionalProperties: false });
export type ReadBody = Static<typeof ReadBody>;

export const RoomDetailSchema = Type.Object({
  id: Type.Integer(),
  name: Type.Union([Type.String(), Type.Null()]),
  type: Type.Union([Type.Literal('DIRECT'), Type.Literal('GROUP')]),
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

export const RoomSummarySchema = Type.Object({
  id: Type.Integer(),
  name: Type.Union([Type.String(), Type.Null()]),
  type: Type.Union([Type.Literal('DIRECT'), Type.Literal('GROUP')]),
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
  peer: Type.Union([Type.Object({ userId: Type.Integer(), nickname: Type.String() }), Type.Null()]),
});
