import {
  BearerAuth,
  ChangeAccepted,
  ChangesPage,
  ChangesQuery,
  EditBody,
  MessageParams,
  ReactBody,
  ReactionSet,
  RoomParams,
  UnsendQuery,
} from '@chat/contracts';
import type { TSchema } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest, preHandlerHookHandler } from 'fastify';
import type { RouteAuth } from '../rooms/room.routes.ts';
import type { RoomService } from '../rooms/room.service.ts';
import type { ChangeRequest, ChangeSender } from './change-sender.ts';
import { clampSize } from './message.model.ts';

const tags = ['messages'];

/**
 * REST edge of message changes (edit, unsend for everyone) and their catch-up. A change is
 * answered 202 once it is durably accepted; its result reaches every member (the caller too)
 * on `/topic/room.{roomId}.changes`, and `GET .../changes` for whoever was away.
 */
export function registerMessageChangeRoutes(
  app: FastifyInstance,
  rooms: RoomService,
  sender: ChangeSender,
  reactions: readonly string[],
  auth: RouteAuth,
  /** The per-user limit of REST writes (REST_WRITE_RATE_PER_MIN). */
  writeLimit: preHandlerHookHandler,
): void {
  const { authenticate, userIdOf } = auth;

  app.post<{ Params: MessageParams }>(
    '/api/rooms/:roomId/messages/:messageId/hide',
    { preHandler: [authenticate, writeLimit], schema: { tags, security: BearerAuth, params: MessageParams } },
    async (req, reply) => {
      await rooms.hide(userIdOf(req), req.params.roomId, req.params.messageId);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/rooms/reactions',
    { preHandler: authenticate, schema: { tags, security: BearerAuth, response: { 200: ReactionSet } } },
    async () => ({ reactions: [...reactions] }),
  );

  /** A change: 202 with what was accepted, once durable (it costs a token of the sender's SEND rate). */
  const changeRoute = (
    method: 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    input: { body: TSchema } | { querystring: TSchema },
    changeOf: (req: FastifyRequest) => ChangeRequest,
  ) =>
    app.route({
      method,
      url,
      preHandler: authenticate,
      schema: {
        tags,
        security: BearerAuth,
        params: MessageParams,
        ...input,
        response: { 202: ChangeAccepted },
      },
      handler: async (req, reply) => reply.code(202).send(await sender.change(userIdOf(req), changeOf(req))),
    });
  type WithBody<B> = FastifyRequest<{ Params: MessageParams; Body: B }>;
  type WithQuery = FastifyRequest<{ Params: MessageParams; Querystring: UnsendQuery }>;
  const reaction = '/api/rooms/:roomId/messages/:messageId/reaction';
  const message = '/api/rooms/:roomId/messages/:messageId';

  changeRoute('PUT', reaction, { body: ReactBody }, (req) => {
    const { params, body } = req as WithBody<ReactBody>;
    return { kind: 'REACTED', ...params, reaction: body.reaction, changeKey: body.changeKey };
  });
  changeRoute('DELETE', reaction, { querystring: UnsendQuery }, (req) => {
    const { params, query } = req as WithQuery;
    return { kind: 'REACTED', ...params, reaction: null, changeKey: query.changeKey };
  });
  changeRoute('PATCH', message, { body: EditBody }, (req) => {
    const { params, body } = req as WithBody<EditBody>;
    return { kind: 'EDITED', ...params, content: body.content, changeKey: body.changeKey };
  });
  changeRoute('DELETE', message, { querystring: UnsendQuery }, (req) => {
    const { params, query } = req as WithQuery;
    return { kind: 'UNSENT', ...params, changeKey: query.changeKey };
  });

  app.get<{ Params: RoomParams; Querystring: ChangesQuery }>(
    '/api/rooms/:roomId/changes',
    {
      preHandler: authenticate,
      schema: {
        tags,
        security: BearerAuth,
        params: RoomParams,
        querystring: ChangesQuery,
        response: { 200: ChangesPage },
      },
    },
    async (req, reply) => {
      const { afterChangeSeq, size } = req.query;
      const page = await rooms.changes(userIdOf(req), req.params.roomId, afterChangeSeq, clampSize(size));
      return reply.code(200).type('application/json; charset=utf-8').send(page);
    },
  );
}
