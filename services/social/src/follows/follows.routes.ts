import type { SocialPageQuery, UserPage, UserParams } from '@chat/contracts';
import { Errors, keysetPage } from '@chat/platform';
import type { FastifyInstance } from 'fastify';
import type { SocialRouteDeps } from '../api/route-deps.ts';
import type { SocialDeps } from '../social-deps.ts';
import { socialUsers } from '../users/social-users.ts';
import {
  acceptRequest,
  declineRequest,
  follow,
  profileOf,
  removeFollower,
  setPrivate,
  unfollow,
} from './follow.service.ts';
import { type FollowList, maySeeAccount } from './follows.repository.ts';
import * as s from './follows.schema.ts';

async function userPage(
  deps: SocialDeps,
  which: FollowList,
  userId: number,
  q: SocialPageQuery,
): Promise<UserPage> {
  const size = q.size ?? 30;
  const rows = await deps.follows.list(which, userId, q.cursor ?? null, size + 1);
  const { page, nextCursor } = keysetPage(rows, size);
  const users = await socialUsers(
    deps.users,
    page.map((r) => r.user_id),
  );
  return {
    users: page.map((r) => ({ ...users.get(r.user_id)!, since: r.created_at.toISOString() })),
    nextCursor,
  };
}

/** Follows, requests and settings under /api/social. */
export function registerFollowRoutes(app: FastifyInstance, deps: SocialRouteDeps): void {
  const { authenticate: preHandler } = deps.guards;
  const writes = [preHandler, deps.writeLimit];
  const me = deps.userIdOf;

  app.get('/api/social/me/settings', { schema: s.settingsSchema, preHandler }, async (req) => ({
    private: await deps.follows.isPrivate(me(req)),
  }));

  app.patch<{ Body: { private?: boolean } }>(
    '/api/social/me/settings',
    { schema: s.updateSettingsSchema, preHandler: writes },
    async (req) => {
      if (req.body.private !== undefined) await setPrivate(deps, me(req), req.body.private);
      return { private: await deps.follows.isPrivate(me(req)) };
    },
  );

  app.get<{ Params: UserParams }>(
    '/api/social/users/:userId',
    { schema: s.profileSchema, preHandler },
    (req) => profileOf(deps, me(req), req.params.userId, deps.postCount),
  );

  app.post<{ Params: UserParams }>(
    '/api/social/users/:userId/follow',
    { schema: s.followSchema, preHandler: writes },
    async (req) => ({ state: await follow(deps, me(req), req.params.userId) }),
  );

  app.delete<{ Params: UserParams }>(
    '/api/social/users/:userId/follow',
    { schema: s.noContentSchema, preHandler: writes },
    async (req, reply) => {
      await unfollow(deps, me(req), req.params.userId);
      return reply.code(204).send();
    },
  );

  for (const [path, which] of [
    ['followers', 'followers'],
    ['following', 'following'],
    ['friends', 'mutual'],
  ] as const) {
    app.get<{ Params: UserParams; Querystring: SocialPageQuery }>(
      `/api/social/users/:userId/${path}`,
      { schema: s.userListSchema, preHandler },
      async (req) => {
        const { userId } = req.params;
        if (!(await deps.users.getUser(userId))) throw Errors.userNotFound(userId);
        const rel = await deps.follows.relation(me(req), userId);
        if (!maySeeAccount(me(req), userId, rel)) throw Errors.privateAccount(userId);
        return userPage(deps, which, userId, req.query);
      },
    );
  }

  app.get<{ Querystring: SocialPageQuery }>(
    '/api/social/me/follow-requests',
    { schema: s.myListSchema, preHandler },
    (req) => userPage(deps, 'requests', me(req), req.query),
  );

  app.post<{ Params: UserParams }>(
    '/api/social/me/follow-requests/:userId/accept',
    { schema: s.noContentSchema, preHandler: writes },
    async (req, reply) => {
      await acceptRequest(deps, me(req), req.params.userId);
      return reply.code(204).send();
    },
  );

  app.delete<{ Params: UserParams }>(
    '/api/social/me/follow-requests/:userId',
    { schema: s.noContentSchema, preHandler: writes },
    async (req, reply) => {
      await declineRequest(deps, me(req), req.params.userId);
      return reply.code(204).send();
    },
  );

  app.delete<{ Params: UserParams }>(
    '/api/social/me/followers/:userId',
    { schema: s.noContentSchema, preHandler: writes },
    async (req, reply) => {
      await removeFollower(deps, me(req), req.params.userId);
      return reply.code(204).send();
    },
  );
}
