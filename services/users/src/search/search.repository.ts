import type { SqlDatabase } from '@chat/platform';
import type { UserRow } from '../user/user.model.ts';
import { SEARCH_SQL } from './search.queries.ts';

export type PublicRow = Pick<UserRow, 'id' | 'nickname' | 'status' | 'profile_image_url' | 'status_message'>;

/** `%`, `_` and the escape character itself match literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

export function createSearchRepository(db: SqlDatabase) {
  return {
    /** Nickname matches first (by nickname), then the exact email match; only ACTIVE users. */
    async find(query: string, limit: number, excludeId = 0): Promise<PublicRow[]> {
      const { rows } = await db.query<PublicRow>(SEARCH_SQL.find, [
        `${escapeLike(query)}%`,
        limit,
        excludeId,
        query,
      ]);
      const seen = new Set<number>();
      const unique = rows.filter((r) => !seen.has(r.id) && seen.add(r.id));
      return unique.slice(0, limit);
    },
  };
}

export type SearchRepository = ReturnType<typeof createSearchRepository>;
