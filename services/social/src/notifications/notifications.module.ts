import { SOCIAL_EVENTS_TOPIC } from '@chat/contracts';
import type { Infrastructure } from '@chat/platform';
import type { FastifyInstance } from 'fastify';
import type { SocialDeps } from '../social-deps.ts';
import { createNotificationNotices } from './notification-notices.ts';
import { createNotificationsConsumer, SOCIAL_NOTIFICATIONS_GROUP } from './notifications.consumer.ts';
import { createNotificationsRepository } from './notifications.repository.ts';
import { type NotificationRouteDeps, registerNotificationRoutes } from './notifications.routes.ts';

/**
 * The notifications of the social platform: a consumer of social.events keeps them (and tells
 * them live through the chat nodes), routes under /api/notifications read and mark them.
 * `consume`: whether this node runs the consumer (CONSUMERS); when not, the group is only
 * registered, for the admin API and the lag metric.
 */
export function createNotifications(
  deps: SocialDeps & {
    infra: Pick<Infrastructure, 'log' | 'pubsub' | 'consumers'>;
    consume: boolean;
  },
) {
  const repo = createNotificationsRepository(deps.db);
  const notices = createNotificationNotices({
    pubsub: deps.infra.pubsub,
    repo,
    users: deps.users,
    logger: deps.logger,
  });
  const consumer = createNotificationsConsumer({
    log: deps.infra.log,
    repo,
    follows: deps.follows,
    notices,
    logger: deps.logger,
  });
  return {
    routes(app: FastifyInstance, routeDeps: NotificationRouteDeps): void {
      registerNotificationRoutes(app, { ...routeDeps, repo, notices });
    },
    async start(): Promise<void> {
      if (deps.consume) await consumer.start();
      else deps.infra.consumers.register(SOCIAL_EVENTS_TOPIC, SOCIAL_NOTIFICATIONS_GROUP);
    },
    async stop(): Promise<void> {
      await consumer.stop();
    },
  };
}
