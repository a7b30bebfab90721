import { type Static, Type } from '@sinclair/typebox';
import { Id } from '../common.ts';
import { AttachmentId } from './attachments.ts';
import { CONTENT_MAX, EmoticonRef } from './messages.ts';
import { RoomSummary } from './rooms.ts';

// Chat's STOMP payloads (CONTRACT.md "Real time"): the bodies clients SEND and the bodies of
// the MESSAGE frames they receive. The gateway checks SEND bodies field by field (its error
// messages and codes are part of the contract); these schemas type and document them.

/** `SEND /app/chat.send`. `messageKey` (client-chosen, optional) makes retries idempotent. */
export const SendBody = Type.Object({
  roomId: Id,
  /**
   * Optional with `attachmentId` (ignored then: the message's content is the file's name) and
   * for EMOTICON (ignored: the content is the emoticon's `alt`).
   */
  content: Type.Optional(Type.String({ minLength: 1, maxLength: CONTENT_MAX })),
  type: Type.Optional(
    Type.Union([Type.Literal('TEXT'), Type.Literal('IMAGE'), Type.Literal('FILE'), Type.Literal('EMOTICON')]),
  ),
  /**
   * (+) EMOTICON (required then, refused otherwise): an emoticon of a pack I hold
   * (EMOTICON_NOT_OWNED if not; an index past the pack's last is INVALID_PAYLOAD).
   */
  emoticon: Type.Optional(EmoticonRef),
  /** (+) An attachment I uploaded to this room (IMAGE: an image; FILE: any), not sent before. */
  attachmentId: Type.Optional(AttachmentId),
  messageKey: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' })),
  /** (+) The message of the same room this one answers (quoted above it). */
  replyToId: Type.Optional(Id),
  /** (+) Members picked to mention (besides `@nickname`s in the text, found by the server). */
  mentionIds: Type.Optional(Type.Array(Id, { maxItems: 50 })),
});
export type SendBody = Static<typeof SendBody>;

/** `SEND /app/chat.read`. */
export const ReadCommand = Type.Object({ roomId: Id, lastReadMessageId: Id });
export type ReadCommand = Static<typeof ReadCommand>;

/** `SEND /app/chat.typing`. */
export const TypingCommand = Type.Object({ roomId: Id });
export type TypingCommand = Static<typeof TypingCommand>;

/** `/topic/room.{roomId}.receipts`: a member's read mark moved. */
export const ReadReceipt = Type.Object({ roomId: Id, userId: Id, lastReadMessageId: Id });
export type ReadReceipt = Static<typeof ReadReceipt>;

/** `/topic/room.{roomId}.typing` (ephemeral, throttled). */
export const TypingEvent = Type.Object({ roomId: Id, userId: Id, nickname: Type.String() });
export type TypingEvent = Static<typeof TypingEvent>;

export const PresenceStatus = Type.Union([Type.Literal('ONLINE'), Type.Literal('OFFLINE')]);
export type PresenceStatus = Static<typeof PresenceStatus>;

/** `/topic/presence`, for users who share a room with the subscriber. */
export const PresenceEvent = Type.Object({
  userId: Id,
  status: PresenceStatus,
  /** Epoch millis when the node saw the change. */
  timestamp: Type.Integer({ minimum: 0 }),
  /** (+) OFFLINE: when the user was last seen (ISO), unless they hide it. */
  lastSeenAt: Type.Optional(Type.String()),
});
export type PresenceEvent = Static<typeof PresenceEvent>;

/** `/user/queue/errors`: a per-request failure; the connection stays open. */
export const StompErrorPayload = Type.Object({
  /** Upper-snake code: NOT_A_MEMBER, RATE_LIMITED, INVALID_PAYLOAD, CONTENT_TOO_LONG, ... */
  code: Type.String(),
  message: Type.String(),
  /** The SEND's `receipt` header, when it had one. */
  receiptId: Type.Optional(Type.String()),
  /** The SEND's `messageKey`, when it had one. */
  messageKey: Type.Optional(Type.String()),
  /** (+) RATE_LIMITED and SERVER_BUSY: milliseconds to wait before sending again. */
  retryAfterMs: Type.Optional(Type.Integer({ minimum: 0 })),
  /** NOT_A_MEMBER after leaving or removal: the room and the subscription that ended. */
  roomId: Type.Optional(Id),
  destination: Type.Optional(Type.String()),
  subscription: Type.Optional(Type.String()),
});
export type StompErrorPayload = Static<typeof StompErrorPayload>;

export const RoomEventType = Type.Union([
  Type.Literal('ROOM_ADDED'),
  Type.Literal('ROOM_REMOVED'),
  Type.Literal('MESSAGE_HIDDEN'),
  Type.Literal('ROOM_READ'),
]);
export type RoomEventType = Static<typeof RoomEventType>;

/**
 * `/user/queue/rooms`: a room entered my room list (with its list item) or left it, I deleted
 * a message for myself, or my read mark in a room moved (in another tab or on another device,
 * maybe on another node).
 */
export const RoomEvent = Type.Union([
  Type.Object({ type: Type.Literal('ROOM_ADDED'), roomId: Id, room: RoomSummary }),
  Type.Object({ type: Type.Literal('ROOM_REMOVED'), roomId: Id }),
  Type.Object({ type: Type.Literal('MESSAGE_HIDDEN'), roomId: Id, messageId: Id }),
  Type.Object({ type: Type.Literal('ROOM_READ'), roomId: Id, lastReadMessageId: Id }),
]);
export type RoomEvent = Static<typeof RoomEvent>;
