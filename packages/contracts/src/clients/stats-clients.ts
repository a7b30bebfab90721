import { type Static, Type } from '@sinclair/typebox';
import { DateTime, Id, Nullable } from '../common.ts';

/** A time range, `from` included, `to` not (ISO-8601 UTC). */
export const TimeRange = Type.Object({ from: DateTime, to: DateTime }, { additionalProperties: false });
export type TimeRange = Static<typeof TimeRange>;

/** The ids of the first and last message created in a range (null: none). */
export const MessageIdRange = Nullable(Type.Object({ firstId: Id, lastId: Id }));
export type MessageIdRange = Static<typeof MessageIdRange>;

export const MessageChunkQuery = Type.Object(
  {
    from: DateTime,
    to: DateTime,
    /** Messages with a greater id (0: from the start). */
    afterId: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }),
    /** Up to this id (included): the range's last. */
    upToId: Id,
    limit: Type.Integer({ minimum: 1, maximum: 100_000 }),
  },
  { additionalProperties: false },
);
export type MessageChunkQuery = Static<typeof MessageChunkQuery>;

/**
 * One chunk of a range's messages, counted: the chunk covers ids (afterId, lastId]; messages
 * people sent (not system lines), by room type, and who sent them.
 */
export const MessageChunk = Type.Object({
  /** The last id looked at; null: nothing after afterId up to upToId. */
  lastId: Nullable(Id),
  scanned: Type.Integer({ minimum: 0 }),
  direct: Type.Integer({ minimum: 0 }),
  group: Type.Integer({ minimum: 0 }),
  senders: Type.Array(Id),
});
export type MessageChunk = Static<typeof MessageChunk>;

export const Count = Type.Object({ count: Type.Integer({ minimum: 0 }) });

/**
 * Chat's figures for the batch service's statistics, in-process or over chat's internal API.
 * Keyset pages by message id, so a chunk can be read again from its cursor.
 */
export interface ChatStatsClient {
  messageIdRange(range: TimeRange): Promise<MessageIdRange>;
  messageChunk(query: MessageChunkQuery): Promise<MessageChunk>;
  roomsCreated(range: TimeRange): Promise<number>;
  /** The most STOMP connections open at once across all chat nodes, in quarter hours of the range. */
  peakConnections(range: TimeRange): Promise<number>;
}

/** Users' figures for the batch service's statistics. */
export interface UsersStatsClient {
  signups(range: TimeRange): Promise<number>;
}

/**
 * The store's sales in a range: `orders` paid in it (PAID, FULFILLED or REFUNDED since), of
 * which `gifts` (with a recipient); `refunds`, orders refunded in it (whenever they were paid);
 * `revenue`, the points of the orders paid minus those of the orders refunded; `buyers`, who
 * paid for an order in it (distinct).
 */
export const SalesFigures = Type.Object({
  orders: Type.Integer({ minimum: 0 }),
  gifts: Type.Integer({ minimum: 0 }),
  refunds: Type.Integer({ minimum: 0 }),
  revenue: Type.Integer(),
  buyers: Type.Integer({ minimum: 0 }),
});
export type SalesFigures = Static<typeof SalesFigures>;

/** The store's figures for the batch service's daily-sales job. */
export interface StoreStatsClient {
  /** Sales in [from, to) (ISO instants: a day in the job's time zone). */
  salesOfDay(range: TimeRange): Promise<SalesFigures>;
}

export const statsInternalPaths = {
  chatMessageIdRange: '/internal/chat/stats/message-id-range',
  chatMessageChunk: '/internal/chat/stats/message-chunk',
  chatRoomsCreated: '/internal/chat/stats/rooms-created',
  chatPeakConnections: '/internal/chat/stats/peak-connections',
  chatUnreadCheck: '/internal/chat/upkeep/unread-check',
  chatAttachmentsCleanUp: '/internal/chat/upkeep/attachments',
  authPurge: '/internal/auth/upkeep/purge',
  usersSignups: '/internal/users/stats/signups',
  storeSales: '/internal/store/stats/sales',
} as const;

export const UnreadCheckQuery = Type.Object(
  {
    /** Members with a greater user id (0: from the start). */
    afterUserId: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }),
    limit: Type.Integer({ minimum: 1, maximum: 5_000 }),
  },
  { additionalProperties: false },
);
export type UnreadCheckQuery = Static<typeof UnreadCheckQuery>;

/** A cached room-list entry that disagreed with PostgreSQL, per room. */
export const UnreadDrift = Type.Object({
  userId: Id,
  roomId: Id,
  /** What the cache served (null: the room was missing from the cached list). */
  cached: Nullable(Type.Integer({ minimum: 0 })),
  /** What PostgreSQL says (null: the room is not in the user's list any more). */
  actual: Nullable(Type.Integer({ minimum: 0 })),
});
export type UnreadDrift = Static<typeof UnreadDrift>;

/**
 * One chunk of members checked: unread counts recomputed from PostgreSQL and compared with the
 * room lists the cache serves; every user with a difference had their cached list dropped.
 */
export const UnreadCheck = Type.Object({
  /** The last user id checked; null: none after afterUserId. */
  lastUserId: Nullable(Id),
  users: Type.Integer({ minimum: 0 }),
  /** Users whose room list the cache was serving. */
  cached: Type.Integer({ minimum: 0 }),
  drift: Type.Array(UnreadDrift),
  /** Users whose cached list was dropped (served from PostgreSQL again). */
  repaired: Type.Integer({ minimum: 0 }),
});
export type UnreadCheck = Static<typeof UnreadCheck>;

/** Chat's upkeep the batch service drives. */
export interface ChatUpkeepClient {
  checkUnread(query: UnreadCheckQuery): Promise<UnreadCheck>;
  /** Attachment clean-up (chat also runs it on its own every few minutes): how many went. */
  cleanUpAttachments(): Promise<number>;
}

/** What auth's purge deleted: sessions and refresh tokens expired over a day ago, and expired revocations. */
export const AuthPurged = Type.Object({
  sessions: Type.Integer({ minimum: 0 }),
  refreshTokens: Type.Integer({ minimum: 0 }),
  revocations: Type.Integer({ minimum: 0 }),
});
export type AuthPurged = Static<typeof AuthPurged>;

/** Auth's upkeep the batch service drives (it also purges on its own, hourly). */
export interface AuthUpkeepClient {
  purgeExpired(): Promise<AuthPurged>;
}

/** Attachments removed: uploads never sent, of unsent messages, past their retention. */
export const AttachmentsRemoved = Type.Object({ removed: Type.Integer({ minimum: 0 }) });
