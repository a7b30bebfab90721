import type {
  AttachmentRef,
  ChangeKind,
  ChatMessage,
  MessageCommand,
  MessageType,
  SystemEvent,
} from '@chat/contracts';

export type MessageReaction = NonNullable<ChatMessage['reactions']>[number];

import type { SqlDatabase } from '@chat/platform';
import { MESSAGE_SQL } from './message.queries.ts';

/** A stored message with its sender's nickname (null when chat never heard of the sender). */
export interface MessageRow {
  id: number;
  room_id: number;
  seq: number;
  sender_id: number;
  message_key: string;
  content: string;
  type: MessageType;
  created_at: Date;
  /** Changes so far (0 as sent), when last edited, when unsent; the room's change_seq of the latest. */
  version: number;
  edited_at: Date | null;
  deleted_at: Date | null;
  change_seq: number | null;
  /** The kind of the latest change (null while it never changed). */
  change_kind: ChangeKind | null;
  /** The reactions' summary (null while nobody reacted). */
  reactions: MessageReaction[] | null;
  /** The members it mentions (null for none). */
  mentions: number[] | null;
  /** A SYSTEM message's event (null otherwise). */
  system: SystemEvent | null;
  /** An IMAGE or FILE message's attachment as sent (null otherwise, and once unsent). */
  attachment: AttachmentRef | null;
  /** An EMOTICON message's pack and emoticon index (null otherwise, and once unsent). */
  emoticon_item_id: number | null;
  emoticon_index: number | null;
  nickname: string | null;
  /** The message it answers (all null when none). */
  reply_to_id: number | null;
  r_seq: number | null;
  r_sender_id: number | null;
  r_nickname: string | null;
  r_content: string | null;
  r_type: MessageType | null;
  r_deleted_at: Date | null;
  /** Persisting only: the members it is hidden from (a 1:1 whose other side blocked the sender). */
  hidden_for?: (number | string)[] | null;
  /** Persisting only: the members who had hidden the room and have it back with this message. */
  revealed_to?: (number | string)[] | null;
}

export interface PersistResult {
  /** Every message of the batch as stored (new and previously stored duplicates), in seq order per room. */
  rows: MessageRow[];
  /** Commands whose room no longer exists (dropped). */
  dropped: MessageCommand[];
}

/** Some messages of a room, and whether more follow in the same direction. */
export interface MessageSlice {
  rows: MessageRow[];
  hasMore: boolean;
}

/**
 * Messages: the idempotent batch insert of the persistence consumer, and history reads, as
 * rows (message.presenter.ts shapes them for the API). The SQL lives in message.queries.ts.
 */
export function createMessageRepository(db: SqlDatabase) {
  return {
    /**
     * Stores a batch in one statement: skips (sender, messageKey) pairs already stored, gives
     * the new ones gapless per-room seqs in batch order, and moves each sender's read mark
     * forward to their own newest message (a user's own messages never count as unread). A
     * room a member hid before the message comes back to them (`revealed_to`; the sender's
     * own hiding ends too), except for a blocker whose new messages there are all hidden.
     */
    async persistBatch(commands: readonly MessageCommand[]): Promise<PersistResult> {
      if (commands.length === 0) return { rows: [], dropped: [] };
      const { rows: out } = await db.query<MessageRow & { duplicate: boolean }>(MESSAGE_SQL.persistBatch, [
        commands.map((c) => c.roomId),
        commands.map((c) => c.senderId),
        commands.map((c) => c.messageKey),
        commands.map((c) => c.content),
        commands.map((c) => c.type),
        commands.map((c) => new Date(c.acceptedAt)),
        commands.map((c) => c.replyToId ?? null),
        commands.map((c) => (c.mentions?.length ? `{${c.mentions.join(',')}}` : null)),
        commands.map((c) => (c.system ? JSON.stringify(c.system) : null)),
        commands.map((c) => (c.attachment ? JSON.stringify(c.attachment) : null)),
        commands.map((c) => c.emoticon?.itemId ?? null),
        commands.map((c) => c.emoticon?.index ?? null),
      ]);
      const again = out.filter((r) => r.duplicate).map((r) => r.id);
      const rows: MessageRow[] =
        again.length === 0
          ? out
          : [
              ...out.filter((r) => !r.duplicate),
              ...(await db.query<MessageRow>(MESSAGE_SQL.storedAgain, [again])).rows,
            ].sort((a, b) => a.room_id - b.room_id || a.seq - b.seq);
      const stored = new Set(rows.map((r) => `${r.sender_id}:${r.message_key}`));
      return { rows, dropped: commands.filter((c) => !stored.has(`${c.senderId}:${c.messageKey}`)) };
    },

    /** Newest first, `id < cursor`; one extra row tells whether there is more. */
    async page(roomId: number, cursor: number | undefined, size: number): Promise<MessageSlice> {
      const { rows } =
        cursor === undefined
          ? await db.query<MessageRow>(MESSAGE_SQL.latest, [roomId, size + 1])
          : await db.query<MessageRow>(MESSAGE_SQL.before, [roomId, cursor, size + 1]);
      return { rows: rows.slice(0, size), hasMore: rows.length > size };
    },

    /** Oldest first, `seq > afterSeq`: gap fill after a reconnect. */
    async afterSeq(roomId: number, afterSeq: number, size: number): Promise<MessageSlice> {
      const { rows } = await db.query<MessageRow>(MESSAGE_SQL.afterSeq, [roomId, afterSeq, size + 1]);
      return { rows: rows.slice(0, size), hasMore: rows.length > size };
    },

    /** The seq of a message of this room, or undefined when it is not one of the room's. */
    async seqOf(roomId: number, messageId: number): Promise<number | undefined> {
      const { rows } = await db.query<{ seq: number }>(MESSAGE_SQL.seqOf, [messageId, roomId]);
      return rows[0]?.seq;
    },

    /** These messages (those that exist), newest first. */
    async byIds(ids: readonly number[]): Promise<MessageRow[]> {
      if (ids.length === 0) return [];
      const { rows } = await db.query<MessageRow>(MESSAGE_SQL.byIds, [ids]);
      return rows;
    },
  };
}

export type MessageRepository = ReturnType<typeof createMessageRepository>;
