import {
  BearerAuth,
  ChatMessageList,
  ErrorBody,
  MessageSearchPage,
  MessageSearchQuery,
  RoomParams,
  SearchQuery,
} from '@chat/contracts';
import type { FastifyInstance, preHandlerHookHandler } from 'fastify';
import { clampSize } from '../messages/message.model.ts';
import type { RouteAuth } from '../rooms/room.routes.ts';
import type { MessageSearch } from './search.service.ts';

const tags = ['rooms'];

/**
 * REST edge of message search. Both routes spend the caller's search budget (`limit`, 429 +
 * Retry-After when empty). `/api/rooms/messages/search` is under `/api/rooms`, so the gateway
 * routes it to chat; its static segment wins over `/api/rooms/{roomId}`.
 */
export function registerSearchRoutes(
  app: FastifyInstance,
  search: MessageSearch,
  auth: RouteAuth,
  limit: preHandlerHookHandler,
): void {
  const { authenticate, userIdOf } = auth;

  app.get<{ Querystring: MessageSearchQuery }>(
    '/api/rooms/messages/search',
    {
      preHandler: [authenticate, limit],
      schema: {
        tags,
        security: BearerAuth,
        summary:
          'Search my rooms: messages containing q (case-insensitive substring, Korean included), newest first',
        querystring: MessageSearchQuery,
        response: { 200: MessageSearchPage, '4xx': ErrorBody },
      },
    },
    async (req) => {
      const { q, cursor, size } = req.query;
      return search.inMyRooms(userIdOf(req), q, cursor, clampSize(size));
    },
  );

  app.get<{ Params: RoomParams; Querystring: SearchQuery }>(
    '/api/rooms/:roomId/messages/search',
    {
      preHandler: [authenticate, limit],
      schema: {
        tags,
        security: BearerAuth,
        summary: 'Search one room: messages containing q, newest first (members only)',
        params: RoomParams,
        querystring: SearchQuery,
        response: { 200: ChatMessageList, '4xx': ErrorBody },
      },
    },
    async (req) => {
      const { q, cursor, size } = req.query;
      return search.inRoom(userIdOf(req), req.params.roomId, q, cursor, clampSize(size));
    },
  );
}
