import type { SqlDatabase, SqlExecutor } from '@chat/platform';
import { BLOCK_SQL } from './block.queries.ts';
import { BLOCK_EVENTS } from './block-events.ts';

/** Records a BlockChanged in the transaction of the change (the outbox relays it). */
async function recordChange(tx: SqlExecutor, blockerId: number, blockedId: number, blocked: boolean) {
  const { rows } = await tx.query<{ version: number }>(BLOCK_SQL.nextVersion);
  await BLOCK_EVENTS.record(tx, {
    type: 'BlockChanged',
    blockerId,
    blockedId,
    blocked,
    version: Number(rows[0]!.version),
  });
}

/**
 * Who blocked whom (chat.blocks). SQL: block.queries.ts. Each change is told on the log
 * (chat.blocks) for the services that honour the list; `changed` runs after a commit that
 * recorded one (the relay's kick).
 */
export function createBlockRepository(db: SqlDatabase, changed: () => void = () => undefined) {
  return {
    async block(blockerId: number, blockedId: number): Promise<void> {
      const made = await db.transaction(async (tx) => {
        const { rowCount } = await tx.query(BLOCK_SQL.block, [blockerId, blockedId]);
        if (rowCount > 0) await recordChange(tx, blockerId, blockedId, true);
        return rowCount > 0;
      });
      if (made) changed();
    },
    async unblock(blockerId: number, blockedId: number): Promise<void> {
      const removed = await db.transaction(async (tx) => {
        const { rowCount } = await tx.query(BLOCK_SQL.unblock, [blockerId, blockedId]);
        if (rowCount > 0) await recordChange(tx, blockerId, blockedId, false);
        return rowCount > 0;
      });
      if (removed) changed();
    },
    async list(blockerId: number): Promise<{ userId: number; nickname: string; blockedAt: string }[]> {
      const { rows } = await db.query<{ blocked_id: number; nickname: string | null; blocked_at: Date }>(
        BLOCK_SQL.list,
        [blockerId],
      );
      return rows.map((r) => ({
        userId: r.blocked_id,
        nickname: r.nickname ?? '(unknown)',
        blockedAt: r.blocked_at.toISOString(),
      }));
    },
    /** Whether `blockerId` blocked `blockedId`. */
    async blocks(blockerId: number, blockedId: number): Promise<boolean> {
      const { rows } = await db.query(BLOCK_SQL.blocks, [blockerId, blockedId]);
      return rows.length > 0;
    },
  };
}

export type BlockRepository = ReturnType<typeof createBlockRepository>;
