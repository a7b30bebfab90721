import type { PopularRoomsQuery, RankingPageQuery, RecommendationQuery } from '@chat/contracts';
import type { FastifyInstance } from 'fastify';
import type { SocialRouteDeps } from '../api/route-deps.ts';
import { createPostDeps } from '../posts/post-deps.ts';
import type { PopularPosts } from './popular-posts.ts';
import type { RankingsRepository } from './rankings.repository.ts';
import * as s from './rankings.schema.ts';
import { peopleForMe, popularPosts, popularRooms, postsForMe, type RankingDeps } from './recommendations.ts';

/** Rankings (popular posts and rooms) and recommendations (people, posts) under /api/social. */
export function registerRankingRoutes(
  app: FastifyInstance,
  routeDeps: SocialRouteDeps,
  own: { rankings: RankingsRepository; popular: PopularPosts },
): void {
  const deps: RankingDeps = { ...createPostDeps(routeDeps), ...own };
  const { authenticate: preHandler } = routeDeps.guards;
  const me = routeDeps.userIdOf;

  app.get<{ Querystring: RankingPageQuery }>(
    '/api/social/rankings/posts',
    { schema: s.popularPostsSchema, preHandler },
    (req) => popularPosts(deps, me(req), req.query),
  );

  app.get<{ Querystring: PopularRoomsQuery }>(
    '/api/social/rankings/rooms',
    { schema: s.popularRoomsSchema, preHandler },
    (req) => popularRooms(deps, me(req), req.query),
  );

  app.get<{ Querystring: RecommendationQuery }>(
    '/api/social/recommendations/people',
    { schema: s.peopleSchema, preHandler },
    (req) => peopleForMe(deps, me(req), req.query),
  );

  app.get<{ Querystring: RecommendationQuery }>(
    '/api/social/recommendations/posts',
    { schema: s.postsForMeSchema, preHandler },
    (req) => postsForMe(deps, me(req), req.query),
  );
}
