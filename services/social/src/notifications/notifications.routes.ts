import type { NotificationPage, SocialPageQuery } from '@chat/contracts';
import { Errors, keysetPage } from '@chat/platform';
import type { AuthGuards } from '@chat/security';
import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { SocialDeps } from '../social-deps.ts';
import { socialUsers } from '../users/social-users.ts';
import type { NotificationNotices } from './notification-notices.ts';
import { presentNotification } from './notifications.presenter.ts';
import type { NotificationsRepository } from './notifications.repository.ts';
import * as s from './notifications.schema.ts';

export interface NotificationRouteDeps {
  readonly guards: AuthGuards;
  readonly userIdOf: (req: FastifyRequest) => number;
  readonly writeLimit: preHandlerAsyncHookHandler;
  readonly users: SocialDeps['users'];
}

/** My notifications under /api/notifications: the list, the unread count, read marks. */
export function registerNotificationRoutes(
  app: FastifyInstance,
  deps: NotificationRouteDeps & { repo: NotificationsRepository; notices: NotificationNotices },
): void {
  const { authenticate: preHandler } = deps.guards;
  const writes = [preHandler, deps.writeLimit];
  const me = deps.userIdOf;

  app.get<{ Querystring: SocialPageQuery }>(
    '/api/notifications',
    { schema: s.listSchema, preHandler },
    async (req): Promise<NotificationPage> => {
      const size = req.query.size ?? 30;
      const rows = await deps.repo.page(me(req), req.query.cursor ?? null, size + 1);
      const { page, nextCursor } = keysetPage(rows, size);
      const actors = await socialUsers(
        deps.users,
        page.map((r) => r.actor_id),
      );
      return { notifications: page.map((r) => presentNotification(r, actors.get(r.actor_id)!)), nextCursor };
    },
  );

  app.get('/api/notifications/unread-count', { schema: s.unreadCountSchema, preHandler }, async (req) => ({
    count: await deps.repo.unreadCount(me(req)),
  }));

  // Read marks tell my other tabs the new count (live, best effort).
  app.post<{ Params: { id: number } }>(
    '/api/notifications/:id/read',
    { schema: s.readOneSchema, preHandler: writes },
    async (req, reply) => {
      const outcome = await deps.repo.markRead(req.params.id, me(req));
      if (outcome === 'missing') throw Errors.notificationNotFound(req.params.id);
      if (outcome === 'read') await deps.notices.countChanged([me(req)]);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/notifications/read-all',
    { schema: s.readAllSchema, preHandler: writes },
    async (req, reply) => {
      if (await deps.repo.markAllRead(me(req))) await deps.notices.countChanged([me(req)]);
      return reply.code(204).send();
    },
  );
}
