import type { SqlExecutor } from '@chat/platform';
import { VISITS_SQL } from './visits.queries.ts';

export interface VisitRow {
  id: number;
  visitor_id: number;
  day: string;
  visited_at: Date;
}

export function createVisitsRepository(db: SqlExecutor) {
  return {
    /** The day (YYYY-MM-DD, Asia/Seoul) of a new counted visit, null when counted already today. */
    async record(tx: SqlExecutor, ownerId: number, visitorId: number): Promise<string | null> {
      const { rows } = await tx.query<{ id: number; day: string }>(VISITS_SQL.record, [ownerId, visitorId]);
      return rows[0]?.day ?? null;
    },

    /** Counts a new visit of `day` in the room's counters (same transaction as record). */
    async count(tx: SqlExecutor, ownerId: number, day: string): Promise<void> {
      await tx.query(VISITS_SQL.count, [ownerId, day]);
    },

    async page(ownerId: number, cursor: number | null, limit: number): Promise<VisitRow[]> {
      const { rows } = await db.query<VisitRow>(VISITS_SQL.page, [ownerId, cursor, limit]);
      return rows.map((r) => ({ ...r, id: Number(r.id), visitor_id: Number(r.visitor_id) }));
    },
  };
}

export type VisitsRepository = ReturnType<typeof createVisitsRepository>;
