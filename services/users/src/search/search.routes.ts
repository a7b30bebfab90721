import type { UserSearchQuery } from '@chat/contracts';
import { type AuthGuards, principalOf } from '@chat/security';
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import { searchSchema } from './search.schema.ts';
import type { SearchService } from './search.service.ts';

export function registerSearchRoutes(
  app: FastifyInstance,
  deps: { search: SearchService; guards: AuthGuards; limit: preHandlerAsyncHookHandler },
) {
  app.get<{ Querystring: UserSearchQuery }>(
    '/api/users',
    { schema: searchSchema, preHandler: [deps.guards.authenticate, deps.limit] },
    async (req) =>
      deps.search.search({ query: req.query.query, size: req.query.size, callerId: principalOf(req).userId }),
  );
}
