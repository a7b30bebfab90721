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
  /** (+) The room's image (group rooms; http(s) URL), or null. */
  imageUrl: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  /** (+) When its owner closed it (readable, no new messages), or null. */
  closedAt: Type.Optional(Type.Union([Type.String(), Type.Null()])),
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
  /** (+) Unread messages that mention me. */
  unreadMentionCount: Type.Optional(Type.Integer()),
  /** (+) The room's image, or null. */
  imageUrl: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  /** (+) When its owner closed it, or null. */
  closedAt: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  /** (+) My settings: notifications muted, pinned to the top (pinned ones first, latest pin first). */
  muted: Type.Optional(Type.Boolean()),
  pinned: Type.Optional(Type.Boolean()),
  lastMessage: Type.Union([
    Type.Object({
      id: Type.Integer(),
      content: Type.String(),
      senderId: Type.Integer(),
      senderNickname: Type.String(),
      createdAt: Type.String(),
      /** (+) Set when it was unsent for everyone (its content is then ""). */
      deletedAt: Type.Optional(Type.Union([Type.String(), Type.Null()])),
      /** (+) true when it is hidden from me (deleted for me, or from someone I blocked): no content. */
      hidden: Type.Optional(Type.Boolean()),
    }),
    Type.Null(),
  ]),
  updatedAt: Type.String(),
  /** (+) The other member of a DIRECT room, so clients can name it without another call. */
  peer: Type.Union([Type.Object({ userId: Type.Integer(), nickname: Type.String() }), Type.Null()]),
});
export type RoomSummary = Static<typeof RoomSummary>;

export const RoomSummaryList = Type.Array(RoomSummary);

/** (+) `PATCH /api/rooms/{roomId}` (owner, group rooms): rename, set or clear the image. */
export const RoomPatchBody = Type.Object({
  name: Type.Optional(Type.String()),
  imageUrl: Type.Optional(Type.Union([Type.String({ maxLength: 2048 }), Type.Null()])),
});
export type RoomPatchBody = Static<typeof RoomPatchBody>;

/** (+) `POST /api/rooms/{roomId}/owner` (owner): hand the room over to another member. */
export const OwnerBody = Type.Object({ userId: Id });
export type OwnerBody = Static<typeof OwnerBody>;

/** (+) `DELETE /api/rooms/{roomId}/members/{userId}` (owner). */
export const MemberParams = Type.Object({ roomId: Id, userId: Id });
export type MemberParams = Static<typeof MemberParams>;

/** (+) `PATCH /api/rooms/{roomId}/settings` (any member, for themselves). */
export const RoomSettingsBody = Type.Object({
  muted: Type.Optional(Type.Boolean()),
  pinned: Type.Optional(Type.Boolean()),
  /** Hide from my list until a newer message arrives (true); show again (false). */
  hidden: Type.Optional(Type.Boolean()),
});
export type RoomSettingsBody = Static<typeof RoomSettingsBody>;

/** (+) `/api/rooms/blocked-users/{userId}`. */
export const UserParams = Type.Object({ userId: Id });
export type UserParams = Static<typeof UserParams>;

/** (+) `GET /api/rooms/blocked-users`: the people I blocked, latest first. */
export const BlockedUserList = Type.Array(
  Type.Object({ userId: Type.Integer(), nickname: Type.String(), blockedAt: Type.String() }),
);
export type BlockedUserList = Static<typeof BlockedUserList>;

/** (+) `GET /api/rooms/{roomId}/members/last-seen`: null where a member hides it or was never seen. */
export const LastSeenList = Type.Array(
  Type.Object({ userId: Type.Integer(), lastSeenAt: Type.Union([Type.String(), Type.Null()]) }),
);
export type LastSeenList = Static<typeof LastSeenList>;

/** (+) `GET`/`PATCH /api/rooms/me/privacy`: whether people who share a room see my last seen. */
export const PrivacyBody = Type.Object({ showLastSeen: Type.Boolean() });
export type PrivacyBody = Static<typeof PrivacyBody>;
