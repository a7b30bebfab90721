import { SOCIAL_EVENTS_TOPIC } from '@chat/contracts';
import type { Infrastructure } from '@chat/platform';
import type { FastifyInstance } from 'fastify';
import type { SocialRouteDeps } from '../api/route-deps.ts';
import type { SocialDeps } from '../social-deps.ts';
import { createPopularPosts } from './popular-posts.ts';
import { createRankingsConsumer, SOCIAL_RANKINGS_GROUP } from './rankings.consumer.ts';
import { createRankingsRepository } from './rankings.repository.ts';
import { registerRankingRoutes } from './rankings.routes.ts';

/**
 * Rankings and recommendations: a consumer of social.events keeps the popular posts in the
 * shared cache; routes read them, popular rooms, and recommendations. `consume`: whether this
 * node runs the consumer (CONSUMERS); when not, the group is only registered.
 */
export function createRankings(
  deps: SocialDeps & {
    infra: Pick<Infrastructure, 'log' | 'consumers' | 'cache'>;
    consume: boolean;
  },
) {
  const rankings = createRankingsRepository(deps.db);
  const popular = createPopularPosts({ cache: deps.infra.cache, repo: rankings, logger: deps.logger });
  const consumer = createRankingsConsumer({
    log: deps.infra.log,
    cache: deps.infra.cache,
    popular,
    logger: deps.logger,
  });
  return {
    routes(app: FastifyInstance, routeDeps: SocialRouteDeps): void {
      registerRankingRoutes(app, routeDeps, { rankings, popular });
    },
    async start(): Promise<void> {
      if (deps.consume) await consumer.start();
      else deps.infra.consumers.register(SOCIAL_EVENTS_TOPIC, SOCIAL_RANKINGS_GROUP);
    },
    async stop(): Promise<void> {
      await consumer.stop();
    },
  };
}
