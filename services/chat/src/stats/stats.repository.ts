import type { ChatStatsClient, MessageChunk, TimeRange } from '@chat/contracts';
import type { SqlDatabase } from '@chat/platform';
import { STATS_SQL } from './stats.queries.ts';

const range = (r: TimeRange) => [new Date(r.from), new Date(r.to)];

/** ChatStatsClient over chat's own tables: what the batch service's statistics read. */
export function createChatStats(
  db: SqlDatabase,
  peaks?: { peak(from: Date, to: Date): Promise<number> },
): ChatStatsClient {
  return {
    async peakConnections(r) {
      const [from, to] = range(r) as [Date, Date];
      return peaks ? peaks.peak(from, to) : 0;
    },
    async messageIdRange(r) {
      const { rows } = await db.query<{ first_id: number | null; last_id: number | null }>(
        STATS_SQL.messageIdRange,
        range(r),
      );
      const row = rows[0];
      return row?.first_id && row.last_id
        ? { firstId: Number(row.first_id), lastId: Number(row.last_id) }
        : null;
    },
    async messageChunk(q): Promise<MessageChunk> {
      const { rows } = await db.query<{
        last_id: number | null;
        scanned: number;
        direct: number;
        group: number;
        senders: number[];
      }>(STATS_SQL.messageChunk, [...range(q), q.afterId, q.upToId, q.limit]);
      const row = rows[0]!;
      return {
        lastId: row.last_id === null ? null : Number(row.last_id),
        scanned: row.scanned,
        direct: row.direct,
        group: row.group,
        senders: row.senders.map(Number),
      };
    },
    async roomsCreated(r) {
      const { rows } = await db.query<{ count: number }>(STATS_SQL.roomsCreated, range(r));
      return rows[0]?.count ?? 0;
    },
  };
}
