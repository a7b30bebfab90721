import type { SqlDatabase, SqlExecutor } from '@chat/platform';
import type { ChatMessage, MessageType } from './message.model.ts';

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
  /** How many of them were new rows. */
  inserted: number;
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
     * Stores a batch in one transaction: skips (sender, messageKey) pairs already stored, gives
     * the new ones gapless per-room seqs in batch order, and moves each sender's read mark to
     * their own newest message (a user's own messages never count as unread).
     */
    async persistBatch(commands: readonly MessageCommand[]): Promise<PersistResult> {
      return db.transaction(async (tx) => {
        const existing = await findExisting(tx, commands);
        const seen = new Set(existing.keys());
        const fresh: MessageCommand[] = [];
        for (const c of commands) {
          const k = `${c.senderId}:${c.messageKey}`;
          if (seen.has(k)) continue;
          seen.add(k);
          fresh.push(c);
        }
        const { stored, dropped } = await insertFresh(tx, fresh);
        await advanceSenderReadMarks(tx, stored);
        const ids = [...existing.values(), ...stored.map((s) => s.id)];
        const messages = ids.length === 0 ? [] : await selectByIds(tx, ids);
        return { messages, inserted: stored.length, dropped };
      });
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

async function findExisting(
  tx: SqlExecutor,
  commands: readonly MessageCommand[],
): Promise<Map<string, number>> {
  if (commands.length === 0) return new Map();
  const { rows } = await tx.query<{ id: number; sender_id: number; message_key: string }>(
    `select m.id, m.sender_id, m.message_key from chat.messages m
       join unnest($1::bigint[], $2::text[]) as k(sender_id, message_key)
         on m.sender_id = k.sender_id and m.message_key = k.message_key`,
    [commands.map((c) => c.senderId), commands.map((c) => c.messageKey)],
  );
  return new Map(rows.map((r) => [`${r.sender_id}:${r.message_key}`, r.id]));
}

interface StoredMessage {
  id: number;
  roomId: number;
  seq: number;
  senderId: number;
}

async function insertFresh(tx: SqlExecutor, fresh: readonly MessageCommand[]) {
  if (fresh.length === 0) return { stored: [] as StoredMessage[], dropped: [] as MessageCommand[] };
  const perRoom = new Map<number, { n: number; at: number }>();
  for (const c of fresh) {
    const r = perRoom.get(c.roomId) ?? { n: 0, at: 0 };
    r.n += 1;
    r.at = Math.max(r.at, c.acceptedAt);
    perRoom.set(c.roomId, r);
  }
  const roomIds = [...perRoom.keys()];
  const { rows } = await tx.query<{ id: number; last_seq: number }>(
    `update chat.rooms r set last_seq = r.last_seq + c.n, updated_at = greatest(r.updated_at, c.at)
       from unnest($1::bigint[], $2::int[], $3::timestamptz[]) as c(id, n, at)
      where r.id = c.id returning r.id, r.last_seq`,
    [roomIds, roomIds.map((id) => perRoom.get(id)!.n), roomIds.map((id) => new Date(perRoom.get(id)!.at))],
  );
  // next seq per room: the first of the range this batch reserved
  const next = new Map(rows.map((r) => [r.id, r.last_seq - perRoom.get(r.id)!.n + 1]));
  const kept: MessageCommand[] = [];
  const seqs: number[] = [];
  const dropped: MessageCommand[] = [];
  for (const c of fresh) {
    const seq = next.get(c.roomId);
    if (seq === undefined) {
      dropped.push(c);
      continue;
    }
    next.set(c.roomId, seq + 1);
    kept.push(c);
    seqs.push(seq);
  }
  if (kept.length === 0) return { stored: [] as StoredMessage[], dropped };
  const inserted = await tx.query<{ id: number; room_id: number; seq: number; sender_id: number }>(
    `insert into chat.messages (room_id, seq, sender_id, message_key, content, type, created_at)
     select * from unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::timestamptz[])
     returning id, room_id, seq, sender_id`,
    [
      kept.map((c) => c.roomId),
      seqs,
      kept.map((c) => c.senderId),
      kept.map((c) => c.messageKey),
      kept.map((c) => c.content),
      kept.map((c) => c.type),
      kept.map((c) => new Date(c.acceptedAt)),
    ],
  );
  const stored = inserted.rows.map((r) => ({
    id: r.id,
    roomId: r.room_id,
    seq: r.seq,
    senderId: r.sender_id,
  }));
  return { stored, dropped };
}

async function advanceSenderReadMarks(tx: SqlExecutor, stored: readonly StoredMessage[]): Promise<void> {
  const newest = new Map<string, StoredMessage>();
  for (const s of stored) {
    const k = `${s.roomId}:${s.senderId}`;
    const prev = newest.get(k);
    if (!prev || prev.seq < s.seq) newest.set(k, s);
  }
  if (newest.size === 0) return;
  const marks = [...newest.values()];
  await tx.query(
    `update chat.room_members m set last_read_seq = c.seq, last_read_message_id = c.mid
       from unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[]) as c(room_id, user_id, seq, mid)
      where m.room_id = c.room_id and m.user_id = c.user_id and m.last_read_seq < c.seq`,
    [
      marks.map((m) => m.roomId),
      marks.map((m) => m.senderId),
      marks.map((m) => m.seq),
      marks.map((m) => m.id),
    ],
  );
}

async function selectByIds(tx: SqlExecutor, ids: readonly number[]): Promise<ChatMessage[]> {
  const { rows } = await tx.query<MessageRow>(
    `${SELECT_MESSAGE} where m.id = any($1::bigint[]) order by m.room_id, m.seq`,
    [ids],
  );
  return rows.map(toMessage);
}
