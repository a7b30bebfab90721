import {
  type ChatStatsClient,
  Count,
  MessageChunk,
  MessageChunkQuery,
  MessageIdRange,
  statsInternalPaths as paths,
  TimeRange,
} from '@chat/contracts';
import { Errors } from '@chat/platform';
import type { FastifyInstance } from 'fastify';

const hide = { hide: true };

function checked(r: { from: string; to: string }): TimeRange {
  if (Date.parse(r.from) >= Date.parse(r.to))
    throw Errors.badRequest('querystring.from must be before querystring.to');
  return r;
}

/** Chat's statistics for the batch service, on the internal listener (INTERNAL_TOKEN). */
export function registerStatsInternalRoutes(app: FastifyInstance, stats: ChatStatsClient): void {
  app.get<{ Querystring: TimeRange }>(
    paths.chatMessageIdRange,
    { schema: { ...hide, querystring: TimeRange, response: { 200: MessageIdRange } } },
    async (req) => stats.messageIdRange(checked(req.query)),
  );
  app.get<{ Querystring: MessageChunkQuery }>(
    paths.chatMessageChunk,
    { schema: { ...hide, querystring: MessageChunkQuery, response: { 200: MessageChunk } } },
    async (req) => stats.messageChunk({ ...req.query, ...checked(req.query) }),
  );
  app.get<{ Querystring: TimeRange }>(
    paths.chatRoomsCreated,
    { schema: { ...hide, querystring: TimeRange, response: { 200: Count } } },
    async (req) => ({ count: await stats.roomsCreated(checked(req.query)) }),
  );
}
