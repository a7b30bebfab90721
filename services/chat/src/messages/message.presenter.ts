import type { BroadcastMessage, ChatMessage, MessageChange } from '@chat/contracts';
import { presentAttachment } from '../attachments/attachment.presenter.ts';
import { presentEmoticon } from '../emoticons/emoticon.presenter.ts';
import type { MessageRow, MessageSlice } from './message.repository.ts';
import type { AppliedChange } from './message-changes.repository.ts';

/**
 * The message object of history and live delivery (CONTRACT.md, "Message object"). The (+)
 * fields appear only when they say something (a plain message has the original shape, and
 * every delivery stays as small as before): `version` once changed, `editedAt`, `deletedAt`,
 * `reactions`, `mentions`, `system`, `attachment`, `emoticon`, `replyTo` when set.
 */
export function presentMessage(row: MessageRow): ChatMessage {
  const m: ChatMessage = {
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
  if (row.version > 0) m.version = row.version;
  if (row.edited_at) m.editedAt = row.edited_at.toISOString();
  if (row.deleted_at) m.deletedAt = row.deleted_at.toISOString();
  if (row.reactions?.length) m.reactions = row.reactions;
  if (row.mentions?.length) m.mentions = row.mentions.map(Number);
  if (row.system) m.system = row.system;
  if (row.attachment) m.attachment = presentAttachment(row.attachment);
  if (row.emoticon_item_id !== null && row.emoticon_index !== null) {
    m.emoticon = presentEmoticon(Number(row.emoticon_item_id), row.emoticon_index, row.content);
  }
  if (row.reply_to_id !== null) {
    m.replyTo = {
      id: row.reply_to_id,
      seq: row.r_seq ?? 0,
      senderId: row.r_sender_id ?? 0,
      senderNickname: row.r_nickname ?? '(unknown)',
      content: row.r_content ?? '',
      type: row.r_type ?? 'TEXT',
      deletedAt: row.r_deleted_at?.toISOString() ?? null,
    };
  }
  return m;
}

/** A change event: the room's change_seq it took and the message's whole state after it. */
export function presentChange({ changeSeq, kind, row }: AppliedChange): MessageChange {
  return { roomId: row.room_id, changeSeq, kind, message: presentMessage(row) };
}

/** The changes catch-up: each changed message once, at its latest change. */
export function presentChangesPage({ rows, hasMore }: MessageSlice, lastChangeSeq: number) {
  const changes = rows.map((row) =>
    presentChange({ changeSeq: row.change_seq ?? 0, kind: row.change_kind ?? 'EDITED', row }),
  );
  return { changes, hasMore, lastChangeSeq };
}

/** A history page (newest first): the cursor of the next page is its oldest message's id. */
export function presentHistoryPage({ rows, hasMore }: MessageSlice, lastChangeSeq: number) {
  const messages = rows.map(presentMessage);
  return { messages, hasMore, nextCursor: hasMore ? (messages.at(-1)?.id ?? null) : null, lastChangeSeq };
}

/** A catch-up slice (`afterSeq`, oldest first). */
export function presentCatchUp({ rows, hasMore }: MessageSlice, lastChangeSeq: number) {
  return { messages: rows.map(presentMessage), hasMore, lastChangeSeq };
}

/** A stored message as nodes tell each other: with whom it is hidden from, if anyone. */
export function presentBroadcast(row: MessageRow): BroadcastMessage {
  const message = presentMessage(row);
  const hiddenFor = (row.hidden_for ?? []).map(Number);
  return hiddenFor.length > 0 ? { ...message, hiddenFor } : message;
}
