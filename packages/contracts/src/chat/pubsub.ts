import { type Static, Type } from '@sinclair/typebox';
import { createChecker } from '../checker.ts';
import { Id } from '../common.ts';
import { AttachmentRef } from './attachments.ts';
import { ChangeKind, ChatMessage, EmoticonRef, MessageChange, MessageType, SystemEvent } from './messages.ts';
import { PresenceEvent, ReadReceipt, RoomEventType, TypingEvent } from './realtime.ts';

// What chat nodes tell each other: pub/sub messages and the message log's records. They cross
// a process boundary (another node, maybe another version), so every receiver decodes them
// with these checks. Each decoder throws SchemaMismatchError (or SyntaxError) on a malformed
// payload; receivers drop and log it, never trust it.

/**
 * A message as nodes tell each other: `hiddenFor` names members it is not delivered to (a 1:1
 * whose other side blocked the sender); nodes give them a hidden copy and never the text.
 */
export const BroadcastMessage = Type.Composite([
  ChatMessage,
  Type.Object({ hiddenFor: Type.Optional(Type.Array(Id)) }),
]);
export type BroadcastMessage = Static<typeof BroadcastMessage>;

/** `room.{id}.messages`: one persisted batch of a room, in seq order. */
export const MessageBroadcast = Type.Array(BroadcastMessage);
export type MessageBroadcast = Static<typeof MessageBroadcast>;

/** `chat.user-control`: every node closes the user's sessions (suspended or deleted). */
export const UserControlNotice = Type.Object({ userId: Id, reason: Type.String({ maxLength: 200 }) });
export type UserControlNotice = Static<typeof UserControlNotice>;

/** `chat.user-rooms`: which users' room lists changed, and how (MESSAGE_HIDDEN: which message). */
export const RoomListNotice = Type.Object({
  type: RoomEventType,
  roomId: Id,
  userIds: Type.Array(Id),
  messageId: Type.Optional(Id),
});
export type RoomListNotice = Static<typeof RoomListNotice>;

/** `chat.membership`: the id of a room whose members changed (a bare JSON number). */
export const MembershipChanged = Id;

/** A record of the `chat.messages` log: a message accepted by a SEND, not yet persisted. */
export const MessageCommand = Type.Object({
  roomId: Id,
  senderId: Id,
  messageKey: Type.String({ minLength: 1 }),
  content: Type.String(),
  type: MessageType,
  /** When the server accepted it (epoch millis). */
  acceptedAt: Type.Integer({ minimum: 0 }),
  /** The message of the same room it answers (checked when accepted). */
  replyToId: Type.Optional(Id),
  /** The members it mentions (resolved when accepted). */
  mentions: Type.Optional(Type.Array(Id)),
  /** A SYSTEM message's event (the server writes those; clients cannot send SYSTEM). */
  system: Type.Optional(SystemEvent),
  /** An IMAGE or FILE message's attachment (checked when accepted: the sender's, this room's). */
  attachment: Type.Optional(AttachmentRef),
  /** An EMOTICON message's emoticon (checked when accepted: the sender holds the pack; `content` is its alt). */
  emoticon: Type.Optional(EmoticonRef),
});
export type MessageCommand = Static<typeof MessageCommand>;

/** `room.{id}.changes`: the changes one batch applied in a room, in changeSeq order. */
export const ChangeBroadcast = Type.Array(MessageChange);
export type ChangeBroadcast = Static<typeof ChangeBroadcast>;

/**
 * A record of the `chat.messages` log that changes a stored message (edit, unsend, reaction), keyed by
 * room like the messages, so that it is applied in order with them. Idempotent on
 * (actorId, changeKey). Rules (own message, time window, not unsent) were checked at accept
 * time and are checked again when it is applied, against `acceptedAt`.
 */
export const ChangeCommand = Type.Object({
  kind: ChangeKind,
  roomId: Id,
  actorId: Id,
  changeKey: Type.String({ minLength: 1 }),
  messageId: Id,
  /** The new content (EDITED); absent otherwise. */
  content: Type.Optional(Type.String()),
  /** REACTED: the actor's reaction now, or null for none. */
  reaction: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  acceptedAt: Type.Integer({ minimum: 0 }),
});
export type ChangeCommand = Static<typeof ChangeCommand>;

/** Any record of the `chat.messages` log: a new message, or a change of a stored one. */
export type LogCommand = MessageCommand | ChangeCommand;

export const isChangeCommand = (c: LogCommand): c is ChangeCommand => 'kind' in c;

const decoder = <T extends Parameters<typeof createChecker>[0]>(schema: T, what: string) => {
  const check = createChecker(schema, what);
  return (payload: string) => check(JSON.parse(payload));
};

export const decodeMessageBroadcast = decoder(MessageBroadcast, 'chat: message broadcast');
export const decodeReadReceipt = decoder(ReadReceipt, 'chat: read receipt');
export const decodeTypingEvent = decoder(TypingEvent, 'chat: typing event');
export const decodePresenceEvent = decoder(PresenceEvent, 'chat: presence event');
export const decodeUserControl = decoder(UserControlNotice, 'chat: user control notice');
export const decodeRoomListNotice = decoder(RoomListNotice, 'chat: room list notice');
export const decodeMembershipChanged = decoder(MembershipChanged, 'chat: membership change');

export const decodeChangeBroadcast = decoder(ChangeBroadcast, 'chat: change broadcast');

const checkMessageCommand = createChecker(MessageCommand, 'chat: message record');
const checkChangeCommand = createChecker(ChangeCommand, 'chat: change record');

/** A log record's value (UTF-8 JSON): a change when it names its `kind`, else a message. */
export function decodeMessageCommand(value: Uint8Array | string): LogCommand {
  const parsed: unknown = JSON.parse(typeof value === 'string' ? value : Buffer.from(value).toString('utf8'));
  const isChange = typeof parsed === 'object' && parsed !== null && 'kind' in parsed;
  return isChange ? checkChangeCommand(parsed) : checkMessageCommand(parsed);
}
