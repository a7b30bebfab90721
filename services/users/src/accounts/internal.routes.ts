import {
  type CreateUserInput,
  usersInternalPaths as paths,
  type UserRole,
  type UsersClient,
} from '@chat/contracts';
import { createInternalGuard } from '@chat/security';
import type { FastifyInstance } from 'fastify';
import { UserErrors } from '../errors.ts';
import { BODY_LIMIT_BYTES } from '../limits.ts';
import {
  byEmailSchema,
  byIdSchema,
  createSchema,
  profilesSchema,
  removeSchema,
  seenSchema,
  setRoleSchema,
} from './internal.schema.ts';

type IdReq = { Params: { id: number } };

/**
 * Service-to-service API behind the HTTP UsersClient. Registered only when an internal token is
 * configured, and every route requires it.
 */
export function registerInternalRoutes(app: FastifyInstance, accounts: UsersClient, internalToken: string) {
  const preHandler = createInternalGuard(internalToken);
  const bodyLimit = BODY_LIMIT_BYTES;
  app.post<{ Body: CreateUserInput }>(
    paths.create,
    { schema: createSchema, preHandler, bodyLimit },
    async (req, reply) => reply.code(201).send(await accounts.createUser(req.body)),
  );
  app.get<{ Querystring: { email: string } }>(
    paths.byEmail,
    { schema: byEmailSchema, preHandler },
    async (req) => {
      const user = await accounts.findByEmail(req.query.email);
      if (!user) throw UserErrors.notFound('with this email');
      return user;
    },
  );
  app.get<IdReq>('/internal/users/:id', { schema: byIdSchema, preHandler }, async (req) => {
    const user = await accounts.getUser(req.params.id);
    if (!user) throw UserErrors.notFound(req.params.id);
    return user;
  });
  app.post<{ Body: { ids: number[] } }>(
    paths.profiles,
    { schema: profilesSchema, preHandler, bodyLimit },
    async (req) => accounts.getPublicProfiles(req.body.ids),
  );
  app.put<IdReq & { Body: { role: UserRole } }>(
    '/internal/users/:id/role',
    { schema: setRoleSchema, preHandler, bodyLimit },
    async (req) => accounts.setRole(req.params.id, req.body.role),
  );
  app.delete<IdReq>('/internal/users/:id', { schema: removeSchema, preHandler }, async (req, reply) => {
    await accounts.removeUser(req.params.id);
    return reply.code(204).send();
  });
  app.post<IdReq>('/internal/users/:id/seen', { schema: seenSchema, preHandler }, async (req, reply) => {
    await accounts.markSeen(req.params.id);
    return reply.code(204).send();
  });
}
