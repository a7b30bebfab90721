import type { UpdateMyProfileBody } from '@chat/contracts';
import { type AuthGuards, principalOf } from '@chat/security';
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import { BODY_LIMIT_BYTES } from '../limits.ts';
import { getMeSchema, getUserSchema, updateMeSchema } from './profile.schema.ts';
import type { ProfileService } from './profile.service.ts';

export function registerProfileRoutes(
  app: FastifyInstance,
  deps: { profiles: ProfileService; guards: AuthGuards; writeLimit: preHandlerAsyncHookHandler },
) {
  const { profiles, guards, writeLimit } = deps;
  app.get('/api/users/me', { schema: getMeSchema, preHandler: guards.authenticate }, async (req) =>
    profiles.getMine(principalOf(req).userId),
  );
  app.patch<{ Body: UpdateMyProfileBody }>(
    '/api/users/me',
    { schema: updateMeSchema, preHandler: [guards.authenticate, writeLimit], bodyLimit: BODY_LIMIT_BYTES },
    async (req) => profiles.updateMine(principalOf(req).userId, req.body),
  );
  app.get<{ Params: { id: number } }>(
    '/api/users/:id',
    { schema: getUserSchema, preHandler: guards.authenticate },
    async (req) => profiles.getPublic(req.params.id),
  );
}
