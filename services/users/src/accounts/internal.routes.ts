import {
  type CreateUserInput,
  usersInternalPaths as paths,
  type UserRole,
  type UsersClient,
} from '@chat/contracts';
import { Errors } from '@chat/platform';
import type { FastifyInstance } from 'fastify';
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
 * Service-to-service API behind the HTTP UsersClient. Registered on the internal listener only,
 * whose every route requires the internal token (apps/server/src/internal-server.ts).
 */
export function registerInternalRoutes(app: FastifyInstance, accounts: UsersClient) {
  const bodyLimit = BODY_LIMIT_BYTES;
  app.post<{ Body: CreateUserInput }>(paths.create, { schema: createSchema, bodyLimit }, async (req, reply) =>
    reply.code(201).send(await accounts.createUser(req.body)),
  );
  app.get<{ Querystring: { email: string } }>(paths.byEmail, { schema: byEmailSchema }, async (req) => {
    const user = await accounts.findByEmail(req.query.email);
    if (!user) throw Errors.userNotFound('with this email');
    return user;
  });
  app.get<IdReq>('/internal/users/:id', { schema: byIdSchema }, async (req) => {
    const user = await accounts.getUser(req.params.id);
    if (!user) throw Errors.userNotFound(req.params.id);
    return user;
  });
  app.post<{ Body: { ids: number[] } }>(paths.profiles, { schema: profilesSchema, bodyLimit }, async (req) =>
    accounts.getPublicProfiles(req.body.ids),
  );
  app.put<IdReq & { Body: { role: UserRole } }>(
    '/internal/users/:id/role',
    { schema: setRoleSchema, bodyLimit },
    async (req) => accounts.setRole(req.params.id, req.body.role),
  );
  app.delete<IdReq>('/internal/users/:id', { schema: removeSchema }, async (req, reply) => {
    await accounts.removeUser(req.params.id);
    return reply.code(204).send();
  });
  app.post<IdReq>('/internal/users/:id/seen', { schema: seenSchema }, async (req, reply) => {
    await accounts.markSeen(req.params.id);
    return reply.code(204).send();
  });
}
