import type {
  PlaceDecorationsBody,
  RandomRoomQuery,
  SocialPageQuery,
  UpdateMiniRoomBody,
  UserParams,
} from '@chat/contracts';
import { keysetPage } from '@chat/platform';
import type { FastifyInstance } from 'fastify';
import type { SocialRouteDeps } from '../api/route-deps.ts';
import { socialUsers } from '../users/social-users.ts';
import { registerGuestbookRoutes } from './guestbook.routes.ts';
import { randomRoom } from './random-room.ts';
import { myRoom, viewRoom } from './room.service.ts';
import { placeDecorations, updateRoom } from './room-customise.ts';
import { createRoomDeps } from './room-deps.ts';
import * as s from './rooms.schema.ts';

const bodyLimit = 16 * 1024;

/** Mini-homepages: rooms, decorations, guestbooks, visits, random visits under /api/social. */
export function registerRoomRoutes(app: FastifyInstance, routeDeps: SocialRouteDeps): void {
  const deps = createRoomDeps(routeDeps);
  const { authenticate: preHandler } = routeDeps.guards;
  const writes = [preHandler, routeDeps.writeLimit];
  const me = routeDeps.userIdOf;

  app.get('/api/social/me/room', { schema: s.myRoomSchema, preHandler }, (req) => myRoom(deps, me(req)));

  app.patch<{ Body: UpdateMiniRoomBody }>(
    '/api/social/me/room',
    { schema: s.updateRoomSchema, preHandler: writes, bodyLimit },
    async (req) => {
      await updateRoom(deps, me(req), req.body);
      return myRoom(deps, me(req));
    },
  );

  app.put<{ Body: PlaceDecorationsBody }>(
    '/api/social/me/room/decorations',
    { schema: s.decorationsSchema, preHandler: writes, bodyLimit },
    async (req) => {
      await placeDecorations(deps, me(req), req.body.decorations);
      return myRoom(deps, me(req));
    },
  );

  app.get<{ Querystring: SocialPageQuery }>(
    '/api/social/me/room/visitors',
    { schema: s.visitorsSchema, preHandler },
    async (req) => {
      const size = req.query.size ?? 30;
      const rows = await deps.visits.page(me(req), req.query.cursor ?? null, size + 1);
      const { page, nextCursor } = keysetPage(rows, size);
      const users = await socialUsers(
        deps.users,
        page.map((r) => r.visitor_id),
      );
      return {
        visitors: page.map((r) => ({
          user: users.get(r.visitor_id)!,
          day: r.day,
          visitedAt: r.visited_at.toISOString(),
        })),
        nextCursor,
      };
    },
  );

  app.get<{ Params: UserParams }>(
    '/api/social/users/:userId/room',
    { schema: s.roomSchema, preHandler },
    (req) => viewRoom(deps, me(req), req.params.userId),
  );

  app.get<{ Querystring: RandomRoomQuery }>(
    '/api/social/rooms/random',
    { schema: s.randomSchema, preHandler },
    (req) => randomRoom(deps, me(req), req.query.scope ?? 'all'),
  );

  registerGuestbookRoutes(app, routeDeps, deps);
}
