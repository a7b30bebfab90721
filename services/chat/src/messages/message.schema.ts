import { type Static, Type } from '@sinclair/typebox';

const Id = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });

/** size: default 20; above 100 is clamped to 100 (not an error), below 1 is a 400. */
export const HistoryQuery = Type.Object({
  cursor: Type.Optional(Id),
  afterSeq: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })),
  size: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
});
export type HistoryQuery = Static<typeof HistoryQuery>;

export const SearchQuery = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 200 }),
  size: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
});
export type SearchQuery = Static<typeof SearchQuery>;

export const MessageSchema = Type.Object({
  id: Type.Integer(),
  seq: Type.Integer(),
  messageKey: Type.String(),
  roomId: Type.Integer(),
  senderId: Type.Integer(),
  senderNickname: Type.String(),
  content: Type.String(),
  type: Type.Union([Type.Literal('TEXT'), Type.Literal('IMAGE'), Type.Literal('SYSTEM')]),
  createdAt: Type.String(),
  timestamp: Type.Integer(),
});

export const HistoryPage = Type.Object({
  messages: Type.Array(MessageSchema),
  hasMore: Type.Boolean(),
  nextCursor: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
});

export const DEFAULT_PAGE = 20;
export const MAX_PAGE = 100;

export function clampSize(size: number | undefined): number {
  return Math.min(size ?? DEFAULT_PAGE, MAX_PAGE);
}
