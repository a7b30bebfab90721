import { type PublicProfile, SEARCH_SIZE_DEFAULT, SEARCH_SIZE_MAX } from '@chat/contracts';
import { presentPublicProfile } from '../user/user.presenter.ts';
import type { SearchRepository } from './search.repository.ts';

/** People search for starting chats: nickname prefix or whole email address, case-insensitive. */
export function createSearchService(repo: SearchRepository) {
  return {
    /** An empty (or blank) query finds nobody; size is clamped to 1..100. */
    async search(input: { query: string; size?: number; callerId?: number }): Promise<PublicProfile[]> {
      const query = input.query.trim();
      if (query === '') return [];
      const size = Math.min(Math.max(1, Math.trunc(input.size ?? SEARCH_SIZE_DEFAULT)), SEARCH_SIZE_MAX);
      return (await repo.find(query, size, input.callerId)).map(presentPublicProfile);
    },
  };
}

export type SearchService = ReturnType<typeof createSearchService>;
