import type { UserParams, WearAvatarBody } from '@chat/contracts';
import type { FastifyInstance } from 'fastify';
import type { SocialRouteDeps } from '../api/route-deps.ts';
import { avatarOf, createAvatarDeps, wearItems } from './avatar.service.ts';
import * as s from './avatars.schema.ts';

const bodyLimit = 4 * 1024;

/** Avatars under /api/social: what a user wears, and changing what I wear. */
export function registerAvatarRoutes(app: FastifyInstance, routeDeps: SocialRouteDeps): void {
  const deps = createAvatarDeps(routeDeps);
  const { authenticate: preHandler } = routeDeps.guards;
  const me = routeDeps.userIdOf;

  app.get<{ Params: UserParams }>(
    '/api/social/users/:userId/avatar',
    { schema: s.avatarSchema, preHandler },
    (req) => avatarOf(deps, me(req), req.params.userId),
  );

  app.put<{ Body: WearAvatarBody }>(
    '/api/social/me/avatar',
    { schema: s.wearSchema, preHandler: [preHandler, routeDeps.writeLimit], bodyLimit },
    (req) => wearItems(deps, me(req), req.body.assetIds),
  );
}
