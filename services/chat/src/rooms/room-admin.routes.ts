import {
  BearerAuth,
  MemberParams,
  OwnerBody,
  RoomDetail,
  RoomParams,
  RoomPatchBody,
  RoomSettingsBody,
  RoomSummary,
} from '@chat/contracts';
import type { FastifyInstance, FastifyReply, preHandlerHookHandler } from 'fastify';
import type { RouteAuth } from './room.routes.ts';
import type { RoomService } from './room.service.ts';
import type { Json } from './room-cache.ts';

const tags = ['rooms'];

const sendJson = (reply: FastifyReply, body: Json) =>
  reply.type('application/json; charset=utf-8').send(body);

/**
 * REST edge of room administration (the owner of a group room: rename, image, remove a member,
 * hand over, close) and of each member's own settings (mute, pin, hide). Writes are limited
 * per user (REST_WRITE_RATE_PER_MIN).
 */
export function registerRoomAdminRoutes(
  app: FastifyInstance,
  rooms: RoomService,
  auth: RouteAuth,
  writeLimit: preHandlerHookHandler,
): void {
  const { authenticate, userIdOf } = auth;
  const preHandler = [authenticate, writeLimit];

  app.patch<{ Params: RoomParams; Body: RoomPatchBody }>(
    '/api/rooms/:roomId',
    {
      preHandler,
      schema: {
        tags,
        security: BearerAuth,
        params: RoomParams,
        body: RoomPatchBody,
        response: { 200: RoomDetail },
      },
    },
    async (req, reply) => sendJson(reply, await rooms.update(userIdOf(req), req.params.roomId, req.body)),
  );

  app.delete<{ Params: MemberParams }>(
    '/api/rooms/:roomId/members/:userId',
    { preHandler, schema: { tags, security: BearerAuth, params: MemberParams } },
    async (req, reply) => {
      await rooms.removeMember(userIdOf(req), req.params.roomId, req.params.userId);
      return reply.code(204).send();
    },
  );

  app.post<{ Params: RoomParams; Body: OwnerBody }>(
    '/api/rooms/:roomId/owner',
    {
      preHandler,
      schema: {
        tags,
        security: BearerAuth,
        params: RoomParams,
        body: OwnerBody,
        response: { 200: RoomDetail },
      },
    },
    async (req, reply) =>
      sendJson(reply, await rooms.transferOwner(userIdOf(req), req.params.roomId, req.body.userId)),
  );

  app.delete<{ Params: RoomParams }>(
    '/api/rooms/:roomId',
    { preHandler, schema: { tags, security: BearerAuth, params: RoomParams } },
    async (req, reply) => {
      await rooms.close(userIdOf(req), req.params.roomId);
      return reply.code(204).send();
    },
  );

  app.patch<{ Params: RoomParams; Body: RoomSettingsBody }>(
    '/api/rooms/:roomId/settings',
    {
      preHandler,
      schema: {
        tags,
        security: BearerAuth,
        params: RoomParams,
        body: RoomSettingsBody,
        response: { 200: RoomSummary },
      },
    },
    async (req, reply) => sendJson(reply, await rooms.settings(userIdOf(req), req.params.roomId, req.body)),
  );
}
