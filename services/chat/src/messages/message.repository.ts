import type { SqlDatabase } from '@chat/platform';
import type { ChatMessage, MessageType } from './message.model.ts';
import { PERSIST_BATCH_SQL } from './persist-batch.sql.ts';

/** A message accepted by a SEND and appended to the log, not yet persisted. */
export interface MessageCommand {
  roomId: number;
  senderId: number;
  messageKey: string;
  content: string;
  type: MessageType;
  /** When the server accepted it (epoch millis). */
  acceptedAt: number;
}

interface MessageRow {
  id: number;
  room_id: number;
  seq: number;
  sender_id: number;
  message_key: string;
  content: string;
  type: MessageType;
  created_at: Date;
  nickname: string | null;
}

const SELECT_MESSAGE = `select m.id, m.room_id, m.seq, m.sender_id, m.message_key, m.content, m.type, m.created_at,
  u.nickname from chat.messages m left join chat.users u on u.id = m.sender_id`;

export function toMessage(row: MessageRow): ChatMessage {
  return {
    id: row.id,
    seq: row.seq,
    messageKey: row.message_key,
    roomId: row.room_id,
    senderId: row.sender_id,
    senderNickname: row.nickname ?? '(unknown)',
    content: row.content,
    type: row.type,
    createdAt: row.created_at.toISOString(),
    timestamp: row.created_at.getTime(),
  };
}

export interface PersistResult {
  /** Every message of the batch as stored (new and previously stored duplicates), in seq order per room. */
  messages: ChatMessage[];
  /** Commands whose room no longer exists (dropped). */
  dropped: MessageCommand[];
}

/**
 * Messages: the idempotent batch insert of the persistence consumer, and history reads.
 * Raw parameterised SQL: these are the hot queries, written to use their indexes.
 */
export function createMessageRepository(db: SqlDatabase) {
  return {
    /**
     * Stores a batch in one statement: skips (sender, messageKey) pairs already stored, gives
     * the new ones gapless per-room seqs in batch order, and moves each sender's read mark
     * forward to their own newest message (a user's own messages never count as unread).
     */
    async persistBatch(commands: readonly MessageCommand[]): Promise<PersistResult> {
      if (commands.length === 0) return { messages: [], dropped: [] };
      const { rows } = await db.query<MessageRow>(PERSIST_BATCH_SQL, [
        commands.map((c) => c.roomId),
        commands.map((c) => c.senderId),
        commands.map((c) => c.messageKey),
        commands.map((c) => c.content),
        commands.map((c) => c.type),
        commands.map((c) => new Date(c.acceptedAt)),
      ]);
      const stored = new Set(rows.map((r) => `${r.sender_id}:${r.message_key}`));
      return {
        messages: rows.map(toMessage),
        dropped: commands.filter((c) => !stored.has(`${c.senderId}:${c.messageKey}`)),
      };
    },

    /** Newest first, `id < cursor`; one extra row tells whether there is more. */
    async page(roomId: number, cursor: number | undefined, size: number) {
      const params: unknown[] = [roomId, size + 1];
      let where = 'm.room_id = $1';
      if (cursor !== undefined) {
        params.push(cursor);
        where += ' and m.id < $3';
      }
      const { rows } = await db.query<MessageRow>(
        `${SELECT_MESSAGE} where ${where} order by m.id desc limit $2`,
        params,
      );
      const hasMore = rows.length > size;
      const messages = rows.slice(0, size).map(toMessage);
      return { messages, hasMore, nextCursor: hasMore ? (messages.at(-1)?.id ?? null) : null };
    },

    /** Oldest first, `seq > afterSeq`: gap fill after a reconnect. */
    async afterSeq(roomId: number, afterSeq: number, size: number) {
      const { rows } = await db.query<MessageRow>(
        `${SELECT_MESSAGE} where m.room_id = $1 and m.seq > $2 order by m.seq asc limit $3`,
        [roomId, afterSeq, size + 1],
      );
      return { messages: rows.slice(0, size).map(toMessage), hasMore: rows.length > size };
    },

    /** The seq of a message of this room, or undefined when it is not one of the room's. */
    async seqOf(roomId: number, messageId: number): Promise<number | undefined> {
      const { rows } = await db.query<{ seq: number }>(
        'select seq from chat.messages where id = $1 and room_id = $2',
        [messageId, roomId],
      );
      return rows[0]?.seq;
    },

    /** Substring search within one room, newest first; `%` and `_` are literal. */
    async search(roomId: number, q: string, size: number): Promise<ChatMessage[]> {
      const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const { rows } = await db.query<MessageRow>(
        `${SELECT_MESSAGE} where m.room_id = $1 and m.type <> 'SYSTEM' and m.content ilike $2 escape '\\'
         order by m.id desc limit $3`,
        [roomId, pattern, size],
      );
      return rows.map(toMessage);
    },
  };
}

export type MessageRepository = ReturnType<typeof createMessageRepository>;
