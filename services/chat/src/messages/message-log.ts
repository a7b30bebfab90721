import type { LogRecord } from '@chat/platform';
import type { MessageCommand } from './message.repository.ts';

/** The event-log topic of accepted messages, keyed by room so that a room keeps its order. */
export const MESSAGES_TOPIC = 'chat.messages';
export const PERSIST_GROUP = 'chat-persist';

export function roomKey(roomId: number): string {
  return `room.${roomId}`;
}

export function encodeCommand(c: MessageCommand): string {
  return JSON.stringify(c);
}

/** Records cross process boundaries: validate what comes back. Throws on a malformed record. */
export function decodeCommand(record: LogRecord): MessageCommand {
  const o = JSON.parse(Buffer.from(record.value).toString('utf8')) as Partial<MessageCommand>;
  if (
    typeof o.roomId !== 'number' ||
    typeof o.senderId !== 'number' ||
    typeof o.messageKey !== 'string' ||
    typeof o.content !== 'string' ||
    (o.type !== 'TEXT' && o.type !== 'IMAGE' && o.type !== 'SYSTEM') ||
    typeof o.acceptedAt !== 'number'
  ) {
    throw new Error(`malformed message record at ${record.partition}/${record.offset}`);
  }
  return o as MessageCommand;
}
