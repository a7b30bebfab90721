import type { SetUserStatusBody } from '@chat/contracts';
import { type AuthGuards, principalOf } from '@chat/security';
import type { FastifyInstance } from 'fastify';
import { BODY_LIMIT_BYTES } from '../limits.ts';
import { deleteUserSchema, setStatusSchema } from './admin.schema.ts';
import type { AdminService } from './admin.service.ts';

export function registerAdminRoutes(app: FastifyInstance, deps: { admin: AdminService; guards: AuthGuards }) {
  const { admin, guards } = deps;
  app.patch<{ Params: { id: number }; Body: SetUserStatusBody }>(
    '/api/users/:id/status',
    { schema: setStatusSchema, preHandler: guards.requireAdmin, bodyLimit: BODY_LIMIT_BYTES },
    async (req) =>
      admin.setStatus({ actorId: principalOf(req).userId, userId: req.params.id, status: req.body.status }),
  );
  app.delete<{ Params: { id: number } }>(
    '/api/users/:id',
    { schema: deleteUserSchema, preHandler: guards.requireAdmin },
    async (req, reply) => {
      await admin.deleteUser({ actorId: principalOf(req).userId, userId: req.params.id });
      return reply.code(204).send();
    },
  );
}
