import { BearerAuth, BlockedUserList, UserParams } from '@chat/contracts';
import { Errors } from '@chat/platform';
import type { FastifyInstance, preHandlerHookHandler } from 'fastify';
import type { RouteAuth } from '../rooms/room.routes.ts';
import type { UserDirectory } from '../users/user-directory.ts';
import type { BlockRepository } from './block.repository.ts';

const tags = ['blocks'];

/**
 * Blocking (under /api/rooms/, where the gateway sends chat's routes): `PUT` and `DELETE
 * /api/rooms/blocked-users/{userId}` (204, idempotent) and my list. What a block does is
 * chat's: no new 1:1 room reaches me, and their 1:1 messages are not delivered to me; they are
 * not told.
 */
export function registerBlockRoutes(
  app: FastifyInstance,
  blocks: BlockRepository,
  users: UserDirectory,
  auth: RouteAuth,
  writeLimit: preHandlerHookHandler,
): void {
  const { authenticate, userIdOf } = auth;

  app.get(
    '/api/rooms/blocked-users',
    { preHandler: authenticate, schema: { tags, security: BearerAuth, response: { 200: BlockedUserList } } },
    async (req) => blocks.list(userIdOf(req)),
  );

  app.put<{ Params: UserParams }>(
    '/api/rooms/blocked-users/:userId',
    { preHandler: [authenticate, writeLimit], schema: { tags, security: BearerAuth, params: UserParams } },
    async (req, reply) => {
      const me = userIdOf(req);
      const { userId } = req.params;
      if (userId === me) throw Errors.badRequest('userId must be another user');
      if (!(await users.get(userId))) throw Errors.userNotFound(userId);
      await blocks.block(me, userId);
      return reply.code(204).send();
    },
  );

  app.delete<{ Params: UserParams }>(
    '/api/rooms/blocked-users/:userId',
    { preHandler: [authenticate, writeLimit], schema: { tags, security: BearerAuth, params: UserParams } },
    async (req, reply) => {
      await blocks.unblock(userIdOf(req), req.params.userId);
      return reply.code(204).send();
    },
  );
}
