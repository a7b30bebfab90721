import { type Static, Type } from '@sinclair/typebox';
import { Id } from '../common.ts';

// Chat's message wire shapes (CONTRACT.md "Rooms", "Message object"): REST queries and pages,
// and the message object that history and live delivery share.

/** Content length bounds, in Unicode code points (an emoji is one). */
export const CONTENT_MAX = 5000;

/** History page size: default 20; above 100 is clamped to 100 (not an error), below 1 is a 400. */
export const HISTORY_PAGE_DEFAULT = 20;
export const HISTORY_PAGE_MAX = 100;

/** `GET /api/rooms/{roomId}/messages?cursor=&afterSeq=&size=`. */
export const HistoryQuery = Type.Object({
  cursor: Type.Optional(Id),
  afterSeq: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })),
  size: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
});
export type HistoryQuery = Static<typeof HistoryQuery>;

/** `GET /api/rooms/{roomId}/messages/search?q=&size=`. */
export const SearchQuery = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 200 }),
  size: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
});
export type SearchQuery = Static<typeof SearchQuery>;

export const MessageType = Type.Union([Type.Literal('TEXT'), Type.Literal('IMAGE'), Type.Literal('SYSTEM')]);
export type MessageType = Static<typeof MessageType>;

/** The message object of history and live delivery: `id` and `seq` as persisted. */
export const ChatMessage = Type.Object({
  id: Type.Integer(),
  seq: Type.Integer(),
  messageKey: Type.String(),
  roomId: Type.Integer(),
  senderId: Type.Integer(),
  senderNickname: Type.String(),
  content: Type.String(),
  type: MessageType,
  createdAt: Type.String(),
  /** `createdAt` in epoch millis. */
  timestamp: Type.Integer(),
});
export type ChatMessage = Static<typeof ChatMessage>;

/**
 * A history page, newest first; `nextCursor` is the oldest message's id while `hasMore`. The
 * `afterSeq` catch-up (oldest first) has the same shape without `nextCursor`.
 */
export const HistoryPage = Type.Object({
  messages: Type.Array(ChatMessage),
  hasMore: Type.Boolean(),
  nextCursor: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
});
export type HistoryPage = Static<typeof HistoryPage>;

/** Message search: matches in the room, newest first. */
export const ChatMessageList = Type.Array(ChatMessage);
