import { fileURLToPath } from 'node:url';
import { CHAT_BLOCKS_TOPIC, type UsersClient } from '@chat/contracts';
import {
  createOutboxRelay,
  createRateLimit,
  registerOutboxMetrics,
  type ServiceContext,
  type ServiceModule,
  withLocalTokenFallback,
} from '@chat/platform';
import { principalOf, type ServiceAuth } from '@chat/security';
import type { FastifyRequest } from 'fastify';
import type { SocialRouteDeps } from './api/route-deps.ts';
import { registerAssetRoutes } from './assets/assets.routes.ts';
import { registerAvatarRoutes } from './avatars/avatars.routes.ts';
import { createBlocksConsumer, SOCIAL_BLOCKS_GROUP } from './blocks/blocks.consumer.ts';
import { SOCIAL_OUTBOX } from './events/outbox.ts';
import { createFollowsRepository } from './follows/follows.repository.ts';
import { registerFollowRoutes } from './follows/follows.routes.ts';
import { createHousekeeping } from './housekeeping/housekeeping.module.ts';
import { createNotifications } from './notifications/notifications.module.ts';
import { createPostCounter } from './posts/post-count.ts';
import { registerPostRoutes } from './posts/posts.routes.ts';
import { createRankings } from './rankings/rankings.module.ts';
import { registerRoomRoutes } from './rooms/rooms.routes.ts';
import type { SocialDeps } from './social-deps.ts';

/** The other services social calls: users (who exists, names and pictures). */
export interface SocialClients {
  readonly users: UsersClient;
}

/** Nothing yet for the services built after it. */
export type SocialProvides = Record<never, never>;

/** The social service: follows, posts, the feed and mini-homepages; owns schema `social`. */
export async function createSocialService(
  ctx: ServiceContext<SocialClients, ServiceAuth>,
): Promise<ServiceModule<SocialProvides>> {
  const { config, infra, logger } = ctx;
  const relay = createOutboxRelay({
    db: infra.db,
    log: infra.log,
    cache: infra.cache,
    logger,
    table: SOCIAL_OUTBOX,
  });
  registerOutboxMetrics(ctx.metrics, relay, 'social', 'Social events');
  const buckets = withLocalTokenFallback(infra.cache, (err) =>
    logger.debug({ err }, 'shared rate limits unreachable: per-node limits'),
  );
  const deps: SocialDeps = {
    db: infra.db,
    follows: createFollowsRepository(infra.db),
    users: ctx.clients.users,
    logger,
    kick: () => void relay.kick(),
  };
  const blocks = createBlocksConsumer({ db: infra.db, log: infra.log, logger, kick: deps.kick });
  const notifications = createNotifications({ ...deps, infra, consume: config.consumers });
  const rankings = createRankings({ ...deps, infra, consume: config.consumers });
  const sweeper = createHousekeeping({
    db: infra.db,
    storage: infra.storage,
    cache: infra.cache,
    logger,
    config: config.social,
    metrics: ctx.metrics,
  });
  const userIdOf = (req: FastifyRequest) => principalOf(req).userId;
  return {
    name: 'social',
    migrations: { schema: 'social', dir: fileURLToPath(new URL('../migrations', import.meta.url)) },
    provides: {},
    routes(app) {
      const routeDeps: SocialRouteDeps = {
        ...deps,
        guards: ctx.auth.guards,
        userIdOf,
        writeLimit: createRateLimit(buckets, {
          name: 'social:writes',
          perMin: config.limits.restWritesPerMin,
          keyOf: userIdOf,
        }),
        storage: infra.storage,
        cache: infra.cache,
        buckets,
        config,
        postCount: createPostCounter(deps),
      };
      registerFollowRoutes(app, routeDeps);
      registerPostRoutes(app, routeDeps);
      registerAssetRoutes(app, routeDeps);
      registerAvatarRoutes(app, routeDeps);
      registerRoomRoutes(app, routeDeps);
      notifications.routes(app, routeDeps);
      rankings.routes(app, routeDeps);
    },
    async start() {
      await relay.start();
      await notifications.start();
      await rankings.start();
      if (config.consumers) await blocks.start();
      else infra.consumers.register(CHAT_BLOCKS_TOPIC, SOCIAL_BLOCKS_GROUP);
      // Background work runs where consumers do (not on nodes that only serve clients).
      if (config.consumers) sweeper.start();
    },
    async stop() {
      await sweeper.stop();
      await notifications.stop();
      await rankings.stop();
      await blocks.stop();
      await relay.stop();
    },
  };
}
