import { type Static, Type } from '@sinclair/typebox';
import { createChecker } from '../checker.ts';
import { Id } from '../common.ts';
import { ChatMessage, MessageType } from './messages.ts';
import { PresenceEvent, ReadReceipt, RoomEventType, TypingEvent } from './realtime.ts';

// What chat nodes tell each other: pub/sub messages and the message log's records. They cross
// a process boundary (another node, maybe another version), so every receiver decodes them
// with these checks. Each decoder throws SchemaMismatchError (or SyntaxError) on a malformed
// payload; receivers drop and log it, never trust it.

/** `room.{id}.messages`: one persisted batch of a room, in seq order. */
export const MessageBroadcast = Type.Array(ChatMessage);
export type MessageBroadcast = Static<typeof MessageBroadcast>;

/** `chat.user-control`: every node closes the user's sessions (suspended or deleted). */
export const UserControlNotice = Type.Object({ userId: Id, reason: Type.String({ maxLength: 200 }) });
export type UserControlNotice = Static<typeof UserControlNotice>;

/** `chat.user-rooms`: which users' room lists changed, and how. */
export const RoomListNotice = Type.Object({
  type: RoomEventType,
  roomId: Id,
  userIds: Type.Array(Id),
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
});
export type MessageCommand = Static<typeof MessageCommand>;

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

const decodeCommandText = decoder(MessageCommand, 'chat: message record');

/** A log record's value (UTF-8 JSON). */
export function decodeMessageCommand(value: Uint8Array | string): MessageCommand {
  return decodeCommandText(typeof value === 'string' ? value : Buffer.from(value).toString('utf8'));
}
