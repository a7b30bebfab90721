import type { DeleteAccountBody } from '@chat/contracts';
import { type AuthGuards, principalOf } from '@chat/security';
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import { BODY_LIMIT_BYTES } from '../limits.ts';
import { deleteMeSchema, exportMeSchema } from './account.schema.ts';
import type { AccountService } from './account.service.ts';

/** `DELETE /api/users/me` and `GET /api/users/me/export`. */
export function registerAccountRoutes(
  app: FastifyInstance,
  deps: { account: AccountService; guards: AuthGuards; exportLimit: preHandlerAsyncHookHandler },
) {
  const { account, guards, exportLimit } = deps;
  app.delete<{ Body: DeleteAccountBody }>(
    '/api/users/me',
    { schema: deleteMeSchema, preHandler: guards.authenticate, bodyLimit: BODY_LIMIT_BYTES },
    async (req, reply) => {
      await account.deleteMine(principalOf(req).userId, req.body.password);
      return reply.code(204).send();
    },
  );
  app.get(
    '/api/users/me/export',
    { schema: exportMeSchema, preHandler: [guards.authenticate, exportLimit] },
    async (req, reply) => {
      const body = await account.exportMine(principalOf(req).userId);
      const day = body.exportedAt.slice(0, 10);
      return reply
        .header('content-disposition', `attachment; filename="chat-profile-${day}.json"`)
        .header('cache-control', 'no-store')
        .send(body);
    },
  );
}
