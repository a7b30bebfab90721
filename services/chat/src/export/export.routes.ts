import { Readable } from 'node:stream';
import { BearerAuth, ChatExport, ErrorBody } from '@chat/contracts';
import type { Logger } from '@chat/platform';
import type { FastifyInstance, preHandlerHookHandler } from 'fastify';
import type { RouteAuth } from '../rooms/room.routes.ts';
import type { ExportRepository } from './export.repository.ts';
import { chatExportChunks } from './export.stream.ts';

const exportSchema = {
  tags: ['rooms'],
  summary:
    "Chat's part of my data export (my rooms, the messages I sent), streamed as a JSON attachment; the profile part is GET /api/users/me/export; EXPORT_RATE_PER_HOUR",
  security: BearerAuth,
  response: { 200: ChatExport, '4xx': ErrorBody },
};

/**
 * `GET /api/rooms/export`. Chat answers for its own tables only (each service owns its
 * schema); the web client joins this with the users service's part into one file.
 */
export function registerExportRoutes(
  app: FastifyInstance,
  deps: { repo: ExportRepository; auth: RouteAuth; limit: preHandlerHookHandler; logger: Logger },
): void {
  const { repo, auth, limit, logger } = deps;
  app.get(
    '/api/rooms/export',
    { preHandler: [auth.authenticate, limit], schema: exportSchema },
    (req, reply) => {
      const userId = auth.userIdOf(req);
      const now = new Date();
      const stream = Readable.from(chatExportChunks(repo, userId, now));
      // Headers are sent already: a failure halfway can only cut the file short (invalid JSON).
      stream.on('error', (err) => logger.error({ err, userId }, 'data export failed while streaming'));
      return reply
        .type('application/json; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="chat-messages-${now.toISOString().slice(0, 10)}.json"`,
        )
        .header('cache-control', 'no-store')
        .send(stream);
    },
  );
}
