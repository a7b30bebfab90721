import { decodeMessageCommand, type LogCommand } from '@chat/contracts';
import type { LogRecord } from '@chat/platform';

/** The event-log topic of accepted messages, keyed by room so that a room keeps its order. */
export const MESSAGES_TOPIC = 'chat.messages';
export const PERSIST_GROUP = 'chat-persist';

export function roomKey(roomId: number): string {
  return `room.${roomId}`;
}

export function encodeCommand(c: LogCommand): string {
  return JSON.stringify(c);
}

/**
 * Records cross process boundaries: checked against the contract's schema on the way out of
 * the log. Throws on a malformed record (the persistence consumer dead-letters it).
 */
export function decodeCommand(record: LogRecord): LogCommand {
  try {
    return decodeMessageCommand(record.value);
  } catch (err) {
    throw new Error(
      `malformed message record at ${record.partition}/${record.offset}: ${(err as Error).message}`,
      {
        cause: err,
      },
    );
  }
}
