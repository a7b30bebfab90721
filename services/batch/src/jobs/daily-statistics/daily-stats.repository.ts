import type { SqlDatabase, SqlExecutor } from '@chat/platform';
import { DAILY_STATS_SQL } from './daily-stats.queries.ts';

export interface DailyStatsRow {
  day: string;
  time_zone: string;
  messages_direct: number;
  messages_group: number;
  active_users: number | null;
  weekly_active: number | null;
  monthly_active: number | null;
  signups: number | null;
  rooms_created: number | null;
  peak_connections: number | null;
  computed_at: Date | null;
}

/** The daily-statistics job's tables. */
export function createDailyStatsRepository(db: SqlDatabase) {
  return {
    /** In the step's fenced transaction. */
    async reset(tx: SqlExecutor, day: string, timezone: string, executionId: number): Promise<void> {
      await tx.query(DAILY_STATS_SQL.clearActive, [day]);
      await tx.query(DAILY_STATS_SQL.reset, [day, timezone, executionId]);
    },
    /** In the chunk's transaction, with its checkpoint. */
    async addChunk(
      tx: SqlExecutor,
      day: string,
      c: { direct: number; group: number; senders: readonly number[] },
    ): Promise<void> {
      await tx.query(DAILY_STATS_SQL.addMessages, [day, c.direct, c.group]);
      if (c.senders.length > 0) await tx.query(DAILY_STATS_SQL.addActive, [day, c.senders]);
    },
    async setCreated(day: string, signups: number, rooms: number, peak: number): Promise<void> {
      await db.query(DAILY_STATS_SQL.setCreated, [day, signups, rooms, peak]);
    },
    async setActive(day: string): Promise<void> {
      await db.query(DAILY_STATS_SQL.setActive, [day]);
    },
    async range(from: string, to: string): Promise<DailyStatsRow[]> {
      return (await db.query<DailyStatsRow>(DAILY_STATS_SQL.range, [from, to])).rows;
    },
  };
}

export type DailyStatsRepository = ReturnType<typeof createDailyStatsRepository>;
