import { type Static, Type } from '@sinclair/typebox';
import { createChecker } from '../checker.ts';
import { Id } from '../common.ts';

/**
 * Log topic of chat's block changes (keyed `user:{blockerId}`): one block list for the whole
 * platform, kept by chat (`/api/rooms/blocked-users`), read by the services that honour it
 * (social: no follows, no content either way).
 */
export const CHAT_BLOCKS_TOPIC = 'chat.blocks';

/**
 * `blockerId` blocked (`blocked: true`) or unblocked `blockedId`. `version` increases with
 * every change of any block: a view applies an event only over a lower version.
 */
export const BlockChanged = Type.Object({
  type: Type.Literal('BlockChanged'),
  eventId: Type.String({ minLength: 1 }),
  occurredAt: Type.Integer({ minimum: 0 }),
  blockerId: Id,
  blockedId: Id,
  blocked: Type.Boolean(),
  version: Type.Integer({ minimum: 1 }),
});
export type BlockChanged = Static<typeof BlockChanged>;

const checkBlockChanged = createChecker(BlockChanged, 'block event');

export function encodeBlockChanged(event: BlockChanged): string {
  return JSON.stringify(event);
}

/** Parses and validates a log record's value; throws SchemaMismatchError (or SyntaxError). */
export function decodeBlockChanged(value: Uint8Array | string): BlockChanged {
  const text = typeof value === 'string' ? value : Buffer.from(value).toString('utf8');
  return checkBlockChanged(JSON.parse(text));
}
