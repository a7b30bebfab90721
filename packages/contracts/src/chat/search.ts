import { type Static, Type } from '@sinclair/typebox';
import { Nullable } from '../common.ts';
import { ChatMessage, SearchQuery } from './messages.ts';
import { RoomType } from './rooms.ts';

// (+) Message search across all of my rooms (CONTRACT.md "Rooms"): the query, one hit, a page.

/** `GET /api/rooms/messages/search?q=&cursor=&size=`: the same parameters as the in-room search. */
export const MessageSearchQuery = SearchQuery;
export type MessageSearchQuery = Static<typeof MessageSearchQuery>;

/** The room of a hit, enough to name it in a result list. */
export const SearchHitRoom = Type.Object({
  id: Type.Integer(),
  /** null for DIRECT rooms: clients show the other member (`peer`), as in the room list. */
  name: Nullable(Type.String()),
  type: RoomType,
  peer: Nullable(Type.Object({ userId: Type.Integer(), nickname: Type.String() })),
});
export type SearchHitRoom = Static<typeof SearchHitRoom>;

/**
 * A message that contains the query: the message object, its room, and a snippet of its text
 * around the first match with every match in it as `[start, end)` offsets in code points.
 */
export const MessageSearchHit = Type.Object({
  message: ChatMessage,
  room: SearchHitRoom,
  /** At most about 100 code points of the content; `…` marks text left out at either end. */
  snippet: Type.String(),
  highlights: Type.Array(Type.Array(Type.Integer({ minimum: 0 }), { minItems: 2, maxItems: 2 })),
});
export type MessageSearchHit = Static<typeof MessageSearchHit>;

/** Newest first; `nextCursor` (the oldest hit's message id, while `hasMore`) asks for the next page. */
export const MessageSearchPage = Type.Object({
  results: Type.Array(MessageSearchHit),
  hasMore: Type.Boolean(),
  nextCursor: Nullable(Type.Integer()),
});
export type MessageSearchPage = Static<typeof MessageSearchPage>;
