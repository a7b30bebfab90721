import { type BlockChanged, CHAT_BLOCKS_TOPIC, encodeBlockChanged } from '@chat/contracts';
import { createKeyedOutbox } from '@chat/platform';

/** chat.outbox: block changes, keyed by the blocker, relayed to CHAT_BLOCKS_TOPIC. */
export const BLOCK_EVENTS = createKeyedOutbox<BlockChanged>({
  schema: 'chat',
  topic: CHAT_BLOCKS_TOPIC,
  what: 'block changes',
  encode: encodeBlockChanged,
  keyOf: (event) => `user:${event.blockerId}`,
});
