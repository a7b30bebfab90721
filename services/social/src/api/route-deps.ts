import type { Cache, Config, ObjectStore, TokenBuckets } from '@chat/platform';
import type { AuthGuards } from '@chat/security';
import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { SocialDeps } from '../social-deps.ts';

/** What the social service's routes need beyond its flows' dependencies. */
export interface SocialRouteDeps extends SocialDeps {
  readonly guards: AuthGuards;
  readonly userIdOf: (req: FastifyRequest) => number;
  /** Per-user budget of writes (follows, posts, comments, reactions, edits). */
  readonly writeLimit: preHandlerAsyncHookHandler;
  readonly storage: ObjectStore;
  /** The shared cache (Redis, or in-process embedded): counters, sorted sets, leases. */
  readonly cache: Cache;
  /** Token buckets for route-specific limits (createRateLimit), per node while the cache is down. */
  readonly buckets: TokenBuckets;
  readonly config: Config;
  /** Posts of `authorId` that `viewerId` may see (a profile's count). */
  readonly postCount: (authorId: number, viewerId: number) => Promise<number>;
}
