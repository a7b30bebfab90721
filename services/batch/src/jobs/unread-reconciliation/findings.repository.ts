import type { UnreadDrift } from '@chat/contracts';
import type { SqlDatabase, SqlExecutor } from '@chat/platform';
import { FINDINGS_SQL } from './findings.queries.ts';

export function createFindingsRepository(db: SqlDatabase) {
  return {
    /** In the chunk's transaction, with its checkpoint. */
    async add(tx: SqlExecutor, executionId: number, drift: readonly UnreadDrift[]): Promise<void> {
      if (drift.length === 0) return;
      await tx.query(FINDINGS_SQL.add, [
        executionId,
        drift.map((d) => d.userId),
        drift.map((d) => d.roomId),
        drift.map((d) => d.cached),
        drift.map((d) => d.actual),
      ]);
    },
    async of(executionId: number, limit: number): Promise<{ total: number; first: UnreadDrift[] }> {
      const { rows } = await db.query<{
        user_id: number;
        room_id: number;
        cached: number | null;
        actual: number | null;
        total: number;
      }>(FINDINGS_SQL.of, [executionId, limit]);
      return {
        total: rows.length > 0 ? Number(rows[0]!.total) : 0,
        first: rows.map((r) => ({
          userId: Number(r.user_id),
          roomId: Number(r.room_id),
          cached: r.cached,
          actual: r.actual,
        })),
      };
    },
  };
}

export type FindingsRepository = ReturnType<typeof createFindingsRepository>;
