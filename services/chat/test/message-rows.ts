import type { MessageRow } from '../src/messages/message.repository.ts';

/** A stored row of a plain text message, never changed, no reply: tests give what differs. */
export function messageRow(
  fields: Pick<
    MessageRow,
    'id' | 'seq' | 'room_id' | 'sender_id' | 'message_key' | 'content' | 'created_at'
  > &
    Partial<MessageRow>,
): MessageRow {
  return {
    type: 'TEXT',
    version: 0,
    edited_at: null,
    deleted_at: null,
    change_seq: null,
    change_kind: null,
    reactions: null,
    mentions: null,
    system: null,
    attachment: null,
    emoticon_item_id: null,
    emoticon_index: null,
    reply_to_id: null,
    r_seq: null,
    r_sender_id: null,
    r_nickname: null,
    r_content: null,
    r_type: null,
    r_deleted_at: null,
    nickname: null,
    ...fields,
  };
}
