import type { SocialDeps } from '../social-deps.ts';
import { visibleKinds } from './post-access.ts';
import { createPostsRepository } from './posts.repository.ts';

/** How many of `authorId`'s posts `viewerId` may see (a profile's count). */
export function createPostCounter(deps: SocialDeps): (authorId: number, viewerId: number) => Promise<number> {
  const posts = createPostsRepository(deps.db);
  return async (authorId, viewerId) => {
    const kinds = visibleKinds(viewerId, authorId, await deps.follows.relation(viewerId, authorId));
    return kinds ? posts.countByAuthor(authorId, kinds) : 0;
  };
}
