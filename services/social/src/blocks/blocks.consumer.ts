import { type BlockChanged, CHAT_BLOCKS_TOPIC, decodeBlockChanged } from '@chat/contracts';
import {
  createEventConsumer,
  type EventConsumer,
  type EventLog,
  type Logger,
  type SqlDatabase,
} from '@chat/platform';
import { recordEvent } from '../events/outbox.ts';
import { BLOCKS_SQL } from './blocks.queries.ts';

export const SOCIAL_BLOCKS_GROUP = 'social-blocks';

/**
 * Social's view of chat's block list (chat.blocks, group 'social-blocks'). A block ends the
 * follows and follow requests between the two, either way (Unfollowed is told for each follow
 * ended); from then on neither sees the other's account (maySeeAccount) nor can follow it. An
 * unblock restores nothing: they may follow again. Versions make replays change nothing.
 */
export function createBlocksConsumer(deps: {
  db: SqlDatabase;
  log: EventLog;
  logger: Logger;
  kick: () => void;
}): EventConsumer {
  async function apply(event: BlockChanged): Promise<void> {
    const { blockerId, blockedId } = event;
    const ended = await deps.db.transaction(async (tx) => {
      const applied = await tx.query(BLOCKS_SQL.apply, [blockerId, blockedId, event.blocked, event.version]);
      if (applied.rowCount === 0 || !event.blocked) return 0;
      const { rows } = await tx.query<{ follower_id: number; followee_id: number }>(BLOCKS_SQL.unfollowBoth, [
        blockerId,
        blockedId,
      ]);
      await tx.query(BLOCKS_SQL.withdrawRequestsBoth, [blockerId, blockedId]);
      for (const r of rows) {
        await recordEvent(tx, {
          type: 'Unfollowed',
          followerId: Number(r.follower_id),
          followeeId: Number(r.followee_id),
        });
      }
      return rows.length;
    });
    if (ended > 0) deps.kick();
  }

  return createEventConsumer({
    log: deps.log,
    topic: CHAT_BLOCKS_TOPIC,
    group: SOCIAL_BLOCKS_GROUP,
    what: 'block change',
    decode: decodeBlockChanged,
    apply,
    logger: deps.logger,
  });
}
