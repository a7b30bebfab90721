import { BearerAuth, LastSeenList, PrivacyBody, RoomParams } from '@chat/contracts';
import type { FastifyInstance, preHandlerHookHandler } from 'fastify';
import type { RouteAuth } from '../rooms/room.routes.ts';
import type { RoomService } from '../rooms/room.service.ts';
import type { LastSeen } from './last-seen.ts';

const tags = ['presence'];

/**
 * Last seen (members of a room, for members) and my privacy setting for it. Chat keeps both:
 * it knows connections and who shares a room.
 */
export function registerLastSeenRoutes(
  app: FastifyInstance,
  rooms: RoomService,
  lastSeen: LastSeen,
  auth: RouteAuth,
  writeLimit: preHandlerHookHandler,
): void {
  const { authenticate, userIdOf } = auth;

  app.get<{ Params: RoomParams }>(
    '/api/rooms/:roomId/members/last-seen',
    {
      preHandler: authenticate,
      schema: { tags, security: BearerAuth, params: RoomParams, response: { 200: LastSeenList } },
    },
    async (req) => {
      await rooms.requireMember(req.params.roomId, userIdOf(req));
      return lastSeen.ofRoom(req.params.roomId);
    },
  );

  app.get(
    '/api/rooms/me/privacy',
    { preHandler: authenticate, schema: { tags, security: BearerAuth, response: { 200: PrivacyBody } } },
    async (req) => ({ showLastSeen: await lastSeen.shown(userIdOf(req)) }),
  );

  app.patch<{ Body: PrivacyBody }>(
    '/api/rooms/me/privacy',
    {
      preHandler: [authenticate, writeLimit],
      schema: { tags, security: BearerAuth, body: PrivacyBody, response: { 200: PrivacyBody } },
    },
    async (req) => {
      await lastSeen.setShown(userIdOf(req), req.body.showLastSeen);
      return { showLastSeen: req.body.showLastSeen };
    },
  );
}
