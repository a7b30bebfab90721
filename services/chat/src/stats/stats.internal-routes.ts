import {
  AttachmentsRemoved,
  type ChatStatsClient,
  type ChatUpkeepClient,
  Count,
  MessageChunk,
  MessageChunkQuery,
  MessageIdRange,
  statsInternalPaths as paths,
  TimeRange,
  UnreadCheck,
  UnreadCheckQuery,
} from '@chat/contracts';
import { Errors } from '@chat/platform';
import type { FastifyInstance } from 'fastify';

const hide = { hide: true };

function checked(r: { from: string; to: string }): TimeRange {
  if (Date.parse(r.from) >= Date.parse(r.to))
    throw Errors.badRequest('querystring.from must be before querystring.to');
  return r;
}

/** Chat's statistics and upkeep for the batch service, on the internal listener (INTERNAL_TOKEN). */
export function registerStatsInternalRoutes(
  app: FastifyInstance,
  stats: ChatStatsClient,
  upkeep: ChatUpkeepClient,
): void {
  // POST: it repairs what it finds (drops cached lists); repeating it is harmless.
  app.post<{ Body: UnreadCheckQuery }>(
    paths.chatUnreadCheck,
    { schema: { ...hide, body: UnreadCheckQuery, response: { 200: UnreadCheck } } },
    async (req) => upkeep.checkUnread(req.body),
  );
  app.post(
    paths.chatAttachmentsCleanUp,
    { schema: { ...hide, response: { 200: AttachmentsRemoved } } },
    async () => ({ removed: await upkeep.cleanUpAttachments() }),
  );
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
    paths.chatPeakConnections,
    { schema: { ...hide, querystring: TimeRange, response: { 200: Count } } },
    async (req) => ({ count: await stats.peakConnections(checked(req.query)) }),
  );
  app.get<{ Querystring: TimeRange }>(
    paths.chatRoomsCreated,
    { schema: { ...hide, querystring: TimeRange, response: { 200: Count } } },
    async (req) => ({ count: await stats.roomsCreated(checked(req.query)) }),
  );
}
