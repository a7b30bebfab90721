import type { PostParams, ReactionBody, ReactionsQuery } from '@chat/contracts';
import type { FastifyInstance } from 'fastify';
import type { SocialRouteDeps } from '../api/route-deps.ts';
import type { PostDeps } from './post-deps.ts';
import * as s from './posts.schema.ts';
import { changeReaction, listReactions, react, unreact } from './reaction.service.ts';

/** Reactions to a post under /api/social/posts/{postId}/reactions; mine is `.../reactions/me`. */
export function registerReactionRoutes(
  app: FastifyInstance,
  deps: PostDeps,
  routeDeps: SocialRouteDeps,
): void {
  const { authenticate: preHandler } = routeDeps.guards;
  const writes = [preHandler, routeDeps.writeLimit];
  const me = routeDeps.userIdOf;

  app.get<{ Params: PostParams; Querystring: ReactionsQuery }>(
    '/api/social/posts/:postId/reactions',
    { schema: s.reactionsSchema, preHandler },
    (req) => listReactions(deps, me(req), req.params.postId, req.query),
  );

  app.post<{ Params: PostParams; Body: ReactionBody }>(
    '/api/social/posts/:postId/reactions',
    { schema: s.reactSchema, preHandler: writes },
    async (req, reply) => reply.code(201).send(await react(deps, me(req), req.params.postId, req.body.kind)),
  );

  app.put<{ Params: PostParams; Body: ReactionBody }>(
    '/api/social/posts/:postId/reactions/me',
    { schema: s.changeReactionSchema, preHandler: writes },
    (req) => changeReaction(deps, me(req), req.params.postId, req.body.kind),
  );

  app.delete<{ Params: PostParams }>(
    '/api/social/posts/:postId/reactions/me',
    { schema: s.unreactSchema, preHandler: writes },
    async (req, reply) => {
      await unreact(deps, me(req), req.params.postId);
      return reply.code(204).send();
    },
  );
}
