import type { SqlDatabase } from '@chat/platform';
import { BLOCK_SQL } from './block.queries.ts';

/** Who blocked whom (chat.blocks). SQL: block.queries.ts. */
export function createBlockRepository(db: SqlDatabase) {
  return {
    async block(blockerId: number, blockedId: number): Promise<void> {
      await db.query(BLOCK_SQL.block, [blockerId, blockedId]);
    },
    async unblock(blockerId: number, blockedId: number): Promise<void> {
      await db.query(BLOCK_SQL.unblock, [blockerId, blockedId]);
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
