import type { SqlDatabase } from '@chat/platform';
import { SEARCH_SQL } from './search.queries.ts';

/** A match: the message's id and its room as a result names it. */
export interface HitRow {
  id: number;
  room_id: number;
  room_name: string | null;
  room_type: 'DIRECT' | 'GROUP';
  peer_id: number | null;
  peer_nickname: string | null;
}

export interface HitsQuery {
  roomIds: readonly number[];
  /** The text to find (searchText() made it). */
  text: string;
  userId: number;
  /** Only messages with a smaller id (the cursor), or all. */
  before?: number | undefined;
  limit: number;
}

/** Beyond any message id: "no cursor" as a bound value, so one statement serves every page. */
const NO_CURSOR = '9223372036854775807';

/**
 * How many of the newest messages step 1 tests before the index is asked: on the benchmark's
 * corpus (1,000,000 messages) 2,000 answer every common and mid-frequency probe in 1-5 ms.
 */
const RECENT_WINDOW = 2000;

/** Message search as rows; search.service.ts turns them into results. */
export function createSearchRepository(db: SqlDatabase) {
  return {
    async roomsOf(userId: number): Promise<number[]> {
      const { rows } = await db.query<{ room_id: number }>(SEARCH_SQL.roomsOf, [userId]);
      return rows.map((r) => r.room_id);
    },

    /**
     * The newest matches in the rooms, newest first: among the newest RECENT_WINDOW messages
     * when they hold enough, else through the n-gram index (search.queries.ts).
     */
    async hits(q: HitsQuery): Promise<HitRow[]> {
      if (q.roomIds.length === 0) return [];
      const params = [q.roomIds, q.text, q.userId, q.before ?? NO_CURSOR, q.limit];
      const recent = await db.query<HitRow>(SEARCH_SQL.recent, [...params, RECENT_WINDOW]);
      if (recent.rows.length >= q.limit) return recent.rows;
      return (await db.query<HitRow>(SEARCH_SQL.indexed, params)).rows;
    },
  };
}

export type SearchRepository = ReturnType<typeof createSearchRepository>;
