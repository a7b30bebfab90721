import type { ChatMessage } from '@chat/contracts';
import type { MessageRow, MessageSlice } from './message.repository.ts';

/** The message object of history and live delivery (CONTRACT.md, "Message object"). */
export function presentMessage(row: MessageRow): ChatMessage {
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

/** A history page (newest first): the cursor of the next page is its oldest message's id. */
export function presentHistoryPage({ rows, hasMore }: MessageSlice) {
  const messages = rows.map(presentMessage);
  return { messages, hasMore, nextCursor: hasMore ? (messages.at(-1)?.id ?? null) : null };
}

/** A catch-up slice (`afterSeq`, oldest first). */
export function presentCatchUp({ rows, hasMore }: MessageSlice) {
  return { messages: rows.map(presentMessage), hasMore };
}
