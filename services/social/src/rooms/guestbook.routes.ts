import {
  GUESTBOOK_ENTRIES_PER_MIN,
  type GuestbookEntryPatch,
  type NewGuestbookEntryBody,
  type SocialPageQuery,
  type UserParams,
} from '@chat/contracts';
import { createRateLimit } from '@chat/platform';
import type { FastifyInstance } from 'fastify';
import type { SocialRouteDeps } from '../api/route-deps.ts';
import { deleteEntry, listGuestbook, setEntryHidden, writeEntry } from './guestbook.service.ts';
import type { RoomDeps } from './room-deps.ts';
import * as s from './rooms.schema.ts';

const bodyLimit = 16 * 1024;
type EntryParams = { Params: { entryId: number } };

/** Guestbooks of mini-homepages under /api/social. */
export function registerGuestbookRoutes(
  app: FastifyInstance,
  routeDeps: SocialRouteDeps,
  deps: RoomDeps,
): void {
  const { authenticate: preHandler } = routeDeps.guards;
  const writes = [preHandler, routeDeps.writeLimit];
  const me = routeDeps.userIdOf;
  // Guestbook spam: a budget per author, shared by every node through the cache.
  const entryLimit = createRateLimit(routeDeps.buckets, {
    name: 'social:guestbook',
    perMin: GUESTBOOK_ENTRIES_PER_MIN,
    keyOf: me,
  });

  app.get<{ Params: UserParams; Querystring: SocialPageQuery }>(
    '/api/social/users/:userId/guestbook',
    { schema: s.guestbookSchema, preHandler },
    (req) => listGuestbook(deps, me(req), req.params.userId, req.query),
  );

  app.post<{ Params: UserParams; Body: NewGuestbookEntryBody }>(
    '/api/social/users/:userId/guestbook',
    { schema: s.writeEntrySchema, preHandler: [preHandler, entryLimit, routeDeps.writeLimit], bodyLimit },
    async (req, reply) =>
      reply.code(201).send(await writeEntry(deps, me(req), req.params.userId, req.body.text)),
  );

  app.patch<EntryParams & { Body: GuestbookEntryPatch }>(
    '/api/social/me/guestbook/:entryId',
    { schema: s.hideEntrySchema, preHandler: writes, bodyLimit },
    (req) => setEntryHidden(deps, me(req), req.params.entryId, req.body.hidden),
  );

  app.delete<EntryParams>(
    '/api/social/guestbook/:entryId',
    { schema: s.deleteEntrySchema, preHandler: writes },
    async (req, reply) => {
      await deleteEntry(deps, me(req), req.params.entryId);
      return reply.code(204).send();
    },
  );
}
