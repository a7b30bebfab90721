import type { SocialDeps } from '../social-deps.ts';

/** How many of `authorId`'s posts `viewerId` may see (a profile's count). */
export function createPostCounter(
  _deps: SocialDeps,
): (authorId: number, viewerId: number) => Promise<number> {
  return async () => 0;
}
