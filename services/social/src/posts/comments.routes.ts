import type { CommentParams, CreateCommentBody, PostParams, SocialPageQuery } from '@chat/contracts';
import type { FastifyInstance } from 'fastify';
import type { SocialRouteDeps } from '../api/route-deps.ts';
import { addComment, deleteComment, listComments } from './comment.service.ts';
import type { PostDeps } from './post-deps.ts';
import * as s from './posts.schema.ts';

/** A post's comments and their replies under /api/social/posts/{postId}/comments. */
export function registerCommentRoutes(
  app: FastifyInstance,
  deps: PostDeps,
  routeDeps: SocialRouteDeps,
): void {
  const { authenticate: preHandler } = routeDeps.guards;
  const writes = [preHandler, routeDeps.writeLimit];
  const me = routeDeps.userIdOf;

  app.get<{ Params: PostParams; Querystring: SocialPageQuery }>(
    '/api/social/posts/:postId/comments',
    { schema: s.commentsSchema, preHandler },
    (req) => listComments(deps, me(req), req.params.postId, null, req.query),
  );

  app.get<{ Params: CommentParams; Querystring: SocialPageQuery }>(
    '/api/social/posts/:postId/comments/:commentId/replies',
    { schema: s.repliesSchema, preHandler },
    (req) => listComments(deps, me(req), req.params.postId, req.params.commentId, req.query),
  );

  app.post<{ Params: PostParams; Body: CreateCommentBody }>(
    '/api/social/posts/:postId/comments',
    { schema: s.addCommentSchema, preHandler: writes },
    async (req, reply) => reply.code(201).send(await addComment(deps, me(req), req.params.postId, req.body)),
  );

  app.delete<{ Params: CommentParams }>(
    '/api/social/posts/:postId/comments/:commentId',
    { schema: s.deleteCommentSchema, preHandler: writes },
    async (req, reply) => {
      await deleteComment(deps, me(req), req.params.postId, req.params.commentId);
      return reply.code(204).send();
    },
  );
}
