import { type Static, Type } from '@sinclair/typebox';
import { Id } from '../common.ts';
import { MessageAttachment } from './attachments.ts';

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

/** Message search: the longest query, in code points (a longer one is a 400). */
export const SEARCH_QUERY_MAX = 100;

/**
 * `GET /api/rooms/{roomId}/messages/search?q=&cursor=&size=`: `q` is matched as a substring
 * (case-insensitive; `%`, `_`, `\` and quotes are ordinary characters); blank or holding
 * control characters is a 400. (+) `cursor`: matches older than this message id.
 */
export const SearchQuery = Type.Object({
  q: Type.String({ minLength: 1, maxLength: SEARCH_QUERY_MAX }),
  cursor: Type.Optional(Id),
  size: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
});
export type SearchQuery = Static<typeof SearchQuery>;

export const MessageType = Type.Union([
  Type.Literal('TEXT'),
  Type.Literal('IMAGE'),
  Type.Literal('FILE'),
  Type.Literal('SYSTEM'),
  /** (+) An emoticon of a store pack the sender holds (its `content` is the emoticon's `alt`). */
  Type.Literal('EMOTICON'),
]);
export type MessageType = Static<typeof MessageType>;

export const SystemEventType = Type.Union([
  Type.Literal('MEMBERS_INVITED'),
  Type.Literal('MEMBER_LEFT'),
  Type.Literal('MEMBER_REMOVED'),
  Type.Literal('ROOM_RENAMED'),
  Type.Literal('OWNER_CHANGED'),
  Type.Literal('ROOM_CLOSED'),
  /** (+) The actor gave `users[0]` an emoticon pack (posted in their 1:1 room; see `gift`). */
  Type.Literal('GIFT_SENT'),
]);
export type SystemEventType = Static<typeof SystemEventType>;

const Person = Type.Object({ userId: Type.Integer(), nickname: Type.String() });

/**
 * (+) What a SYSTEM message reports, for clients to word in their language (its `content` is
 * a Korean sentence for clients that show text only): who did it, to whom, the new name.
 */
export const SystemEvent = Type.Object({
  event: SystemEventType,
  actor: Person,
  users: Type.Array(Person),
  name: Type.Optional(Type.String()),
  /** (+) GIFT_SENT: the order, the pack and the giver's message. */
  gift: Type.Optional(
    Type.Object({
      orderId: Type.Integer(),
      itemId: Type.Integer(),
      itemTitle: Type.String(),
      message: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
});
export type SystemEvent = Static<typeof SystemEvent>;

/** The highest emoticon index of a pack (a pack holds up to 32: EMOTICONS_MAX of the store). */
export const EMOTICON_INDEX_MAX = 31;

/** (+) Which emoticon an EMOTICON message sends: a pack (store item) and its position in it. */
export const EmoticonRef = Type.Object({
  itemId: Id,
  index: Type.Integer({ minimum: 0, maximum: EMOTICON_INDEX_MAX }),
});
export type EmoticonRef = Static<typeof EmoticonRef>;

/**
 * (+) An EMOTICON message's emoticon: `alt` is its text (also the message's `content`),
 * `imageUrl` the store's public image, `/api/store/items/{itemId}/emoticons/{index}/image`.
 */
export const MessageEmoticon = Type.Object({
  itemId: Type.Integer(),
  index: Type.Integer(),
  alt: Type.String(),
  imageUrl: Type.String(),
});
export type MessageEmoticon = Static<typeof MessageEmoticon>;

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
  /**
   * (+) How many times the message changed (edited, unsent): 0 as sent. A change event applies
   * only over a lower version, so replays and late events never undo a newer state.
   */
  version: Type.Optional(Type.Integer({ minimum: 0 })),
  /** (+) When its content was last edited, or null. */
  editedAt: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  /** (+) When it was unsent for everyone (its content is then ""), or null. */
  deletedAt: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  /**
   * (+) The message this one answers, as it is now (edited text; "" and `deletedAt` once
   * unsent), or null.
   */
  replyTo: Type.Optional(
    Type.Union([
      Type.Object({
        id: Type.Integer(),
        seq: Type.Integer(),
        senderId: Type.Integer(),
        senderNickname: Type.String(),
        content: Type.String(),
        type: MessageType,
        deletedAt: Type.Union([Type.String(), Type.Null()]),
      }),
      Type.Null(),
    ]),
  ),
  /** (+) The photo or file an IMAGE or FILE message sends (its `content` is the file's name). */
  attachment: Type.Optional(Type.Union([MessageAttachment, Type.Null()])),
  /** (+) The emoticon an EMOTICON message sends (null once unsent). */
  emoticon: Type.Optional(Type.Union([MessageEmoticon, Type.Null()])),
  /** (+) A SYSTEM message's event; null otherwise. */
  system: Type.Optional(Type.Union([SystemEvent, Type.Null()])),
  /** (+) The members it mentions (user ids), resolved when it was sent. */
  mentions: Type.Optional(Type.Array(Type.Integer())),
  /** (+) true when I deleted it for me: its content is "" in what I read (others still see it). */
  hidden: Type.Optional(Type.Boolean()),
  /** (+) Members' reactions, one per member: each reaction with its count and who, in the configured order. */
  reactions: Type.Optional(
    Type.Array(
      Type.Object({ reaction: Type.String(), count: Type.Integer(), userIds: Type.Array(Type.Integer()) }),
    ),
  ),
});
export type ChatMessage = Static<typeof ChatMessage>;

/** A reaction's name: upper-snake, from the configured set (`MESSAGE_REACTIONS`). */
export const ReactionName = Type.String({ pattern: '^[A-Z][A-Z0-9_]{0,31}$' });

/** (+) `PUT /api/rooms/{roomId}/messages/{messageId}/reaction`: my reaction (replaces my earlier one). */
export const ReactBody = Type.Object({
  reaction: ReactionName,
  changeKey: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' })),
});
export type ReactBody = Static<typeof ReactBody>;

/** (+) `GET /api/rooms/reactions`: the reactions members may use, in display order. */
export const ReactionSet = Type.Object({ reactions: Type.Array(Type.String()) });
export type ReactionSet = Static<typeof ReactionSet>;

/** `{roomId, messageId}` path parameters of one message. */
export const MessageParams = Type.Object({ roomId: Id, messageId: Id });
export type MessageParams = Static<typeof MessageParams>;

/** A change's idempotency key (client-chosen, optional): a retried change is applied once. */
const ChangeKey = Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' });

/** (+) `PATCH /api/rooms/{roomId}/messages/{messageId}`: edit my message. */
export const EditBody = Type.Object({ content: Type.String(), changeKey: Type.Optional(ChangeKey) });
export type EditBody = Static<typeof EditBody>;

/** (+) `DELETE /api/rooms/{roomId}/messages/{messageId}`: unsend my message for everyone. */
export const UnsendQuery = Type.Object({ changeKey: Type.Optional(ChangeKey) });
export type UnsendQuery = Static<typeof UnsendQuery>;

/** (+) 202 of an edit or unsend: accepted (durable); the result arrives on the changes topic. */
export const ChangeAccepted = Type.Object({ roomId: Id, messageId: Id, changeKey: Type.String() });
export type ChangeAccepted = Static<typeof ChangeAccepted>;

export const ChangeKind = Type.Union([
  Type.Literal('EDITED'),
  Type.Literal('UNSENT'),
  Type.Literal('REACTED'),
]);
export type ChangeKind = Static<typeof ChangeKind>;

/**
 * (+) `/topic/room.{roomId}.changes`, and the items of the changes catch-up: a message changed.
 * `changeSeq` counts 1, 2, 3, ... per room over all changes (its own counter: message `seq`s
 * stay gapless); `message` is the message's whole state after the change.
 */
export const MessageChange = Type.Object({
  roomId: Id,
  changeSeq: Type.Integer({ minimum: 1 }),
  kind: ChangeKind,
  message: ChatMessage,
});
export type MessageChange = Static<typeof MessageChange>;

/** (+) `GET /api/rooms/{roomId}/changes?afterChangeSeq=&size=`. */
export const ChangesQuery = Type.Object({
  afterChangeSeq: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }),
  size: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
});
export type ChangesQuery = Static<typeof ChangesQuery>;

/**
 * (+) The changes after `afterChangeSeq`, oldest first: each changed message once, in its
 * latest state, at the seq of its latest change (changes made while away are coalesced).
 * `lastChangeSeq` is the room's counter when read: the next catch-up starts there.
 */
export const ChangesPage = Type.Object({
  changes: Type.Array(MessageChange),
  hasMore: Type.Boolean(),
  lastChangeSeq: Type.Integer({ minimum: 0 }),
});
export type ChangesPage = Static<typeof ChangesPage>;

/**
 * A history page, newest first; `nextCursor` is the oldest message's id while `hasMore`. The
 * `afterSeq` catch-up (oldest first) has the same shape without `nextCursor`.
 */
export const HistoryPage = Type.Object({
  messages: Type.Array(ChatMessage),
  hasMore: Type.Boolean(),
  nextCursor: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
  /**
   * (+) The room's change counter, read before the messages: the page shows every change up to
   * it, so a client catches up on changes from here (`GET .../changes?afterChangeSeq=`).
   */
  lastChangeSeq: Type.Optional(Type.Integer({ minimum: 0 })),
});
export type HistoryPage = Static<typeof HistoryPage>;

/** Message search: matches in the room, newest first. */
export const ChatMessageList = Type.Array(ChatMessage);
