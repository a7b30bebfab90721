import {
  BearerAuth,
  CreateDirectBody,
  CreateGroupBody,
  HistoryPage,
  HistoryQuery,
  InviteBody,
  ReadBody,
  RoomDetail,
  RoomParams,
  RoomSummaryList,
} from '@chat/contracts';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import { clampSize } from '../messages/message.model.ts';
import type { RoomService } from './room.service.ts';
import type { Json } from './room-cache.ts';

export interface RouteAuth {
  /** Verifies the bearer token (401 otherwise). */
  authenticate: preHandlerHookHandler;
  /** The authenticated user's id. */
  userIdOf: (req: FastifyRequest) => number;
}

/**
 * Per-user limits of REST writes, run after `authenticate`: 429 + Retry-After before the
 * handler. Read marks are not limited (idempotent, forward-only, sent as messages are seen).
 */
export interface RouteLimits {
  /** Room creation, direct and group (ROOM_CREATE_RATE_PER_MIN). */
  readonly roomCreate: preHandlerHookHandler;
  /** Other writes: invite, leave (REST_WRITE_RATE_PER_MIN, shared with the other services). */
  readonly write: preHandlerHookHandler;
}

export interface OnlineMembers {
  online(roomId: number): Promise<number[]>;
}

const tags = ['rooms'];

/**
 * Bodies come from the service as JSON text (cache hits are sent as stored), so Fastify sends
 * them as they are; the response schemas still describe them in the API docs.
 */
function sendJson(reply: FastifyReply, body: Json, code = 200): FastifyReply {
  return reply.code(code).type('application/json; charset=utf-8').send(body);
}

/** REST edge of rooms and messages (CONTRACT.md "Rooms"): thin, the service does the work. */
export function registerRoomRoutes(
  app: FastifyInstance,
  rooms: RoomService,
  auth: RouteAuth,
  presence: OnlineMembers,
  limits: RouteLimits,
): void {
  const { authenticate, userIdOf } = auth;

  app.post<{ Body: CreateDirectBody }>(
    '/api/rooms/direct',
    {
      preHandler: [authenticate, limits.roomCreate],
      schema: {
        tags,
        security: BearerAuth,
        body: CreateDirectBody,
        response: { 200: RoomDetail, 201: RoomDetail },
      },
    },
    async (req, reply) => {
      const { created, room } = await rooms.createDirect(userIdOf(req), req.body.targetUserId);
      return sendJson(reply, room, created ? 201 : 200);
    },
  );

  app.post<{ Body: CreateGroupBody }>(
    '/api/rooms/group',
    {
      preHandler: [authenticate, limits.roomCreate],
      schema: { tags, security: BearerAuth, body: CreateGroupBody, response: { 201: RoomDetail } },
    },
    async (req, reply) => {
      const room = await rooms.createGroup(userIdOf(req), req.body.name, req.body.memberIds);
      return sendJson(reply, room, 201);
    },
  );

  app.get(
    '/api/rooms',
    {
      preHandler: authenticate,
      schema: { tags, security: BearerAuth, response: { 200: RoomSummaryList } },
    },
    async (req, reply) => sendJson(reply, await rooms.list(userIdOf(req))),
  );

  app.get<{ Params: RoomParams }>(
    '/api/rooms/:roomId',
    {
      preHandler: authenticate,
      schema: { tags, security: BearerAuth, params: RoomParams, response: { 200: RoomDetail } },
    },
    async (req, reply) => sendJson(reply, await rooms.detail(userIdOf(req), req.params.roomId)),
  );

  app.post<{ Params: RoomParams; Body: InviteBody }>(
    '/api/rooms/:roomId/members',
    {
      preHandler: [authenticate, limits.write],
      schema: {
        tags,
        security: BearerAuth,
        params: RoomParams,
        body: InviteBody,
        response: { 200: RoomDetail },
      },
    },
    async (req, reply) =>
      sendJson(reply, await rooms.invite(userIdOf(req), req.params.roomId, req.body.userIds)),
  );

  app.delete<{ Params: RoomParams }>(
    '/api/rooms/:roomId/members/me',
    { preHandler: [authenticate, limits.write], schema: { tags, security: BearerAuth, params: RoomParams } },
    async (req, reply) => {
      await rooms.leave(userIdOf(req), req.params.roomId);
      return reply.code(204).send();
    },
  );

  app.get<{ Params: RoomParams; Querystring: HistoryQuery }>(
    '/api/rooms/:roomId/messages',
    {
      preHandler: authenticate,
      schema: {
        tags,
        security: BearerAuth,
        params: RoomParams,
        querystring: HistoryQuery,
        response: { 200: HistoryPage },
      },
    },
    async (req, reply) => {
      const { cursor, afterSeq, size } = req.query;
      const userId = userIdOf(req);
      if (afterSeq !== undefined) {
        return sendJson(reply, await rooms.afterSeq(userId, req.params.roomId, afterSeq, clampSize(size)));
      }
      return sendJson(reply, await rooms.history(userId, req.params.roomId, cursor, clampSize(size)));
    },
  );

  app.post<{ Params: RoomParams; Body: ReadBody }>(
    '/api/rooms/:roomId/read',
    { preHandler: authenticate, schema: { tags, security: BearerAuth, params: RoomParams, body: ReadBody } },
    async (req, reply) => {
      await rooms.markRead(userIdOf(req), req.params.roomId, req.body.lastReadMessageId);
      return reply.code(202).send();
    },
  );

  app.get<{ Params: RoomParams }>(
    '/api/rooms/:roomId/members/online',
    {
      preHandler: authenticate,
      schema: {
        tags,
        security: BearerAuth,
        params: RoomParams,
        response: { 200: Type.Array(Type.Integer()) },
      },
    },
    async (req) => {
      await rooms.requireMember(req.params.roomId, userIdOf(req));
      return presence.online(req.params.roomId);
    },
  );
}
