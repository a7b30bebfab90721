import type {
  CreatePostBody,
  PostParams,
  SocialPageQuery,
  TagParams,
  UpdatePostBody,
  UserParams,
} from '@chat/contracts';
import { createRateLimit } from '@chat/platform';
import type { FastifyInstance } from 'fastify';
import type { SocialRouteDeps } from '../api/route-deps.ts';
import { countPostView } from '../rankings/post-views.ts';
import { registerCommentRoutes } from './comments.routes.ts';
import { presentPosts } from './post.presenter.ts';
import { createPost, deletePost, editPost } from './post.service.ts';
import { visiblePost } from './post-access.ts';
import { createPostDeps } from './post-deps.ts';
import { registerPostImageRoutes } from './post-images.routes.ts';
import { feed, searchPosts, tagPosts, userPosts } from './post-lists.ts';
import type { PostRow } from './posts.repository.ts';
import * as s from './posts.schema.ts';
import { registerReactionRoutes } from './reactions.routes.ts';

/** Posts, comments, reactions, tag pages and the feed under /api/social. */
export function registerPostRoutes(app: FastifyInstance, routeDeps: SocialRouteDeps): void {
  const deps = { ...createPostDeps(routeDeps), storage: routeDeps.storage };
  const { authenticate: preHandler } = routeDeps.guards;
  const writes = [preHandler, routeDeps.writeLimit];
  const me = routeDeps.userIdOf;
  const one = async (viewerId: number, row: PostRow) => (await presentPosts(deps, viewerId, [row]))[0]!;

  app.post<{ Body: CreatePostBody }>(
    '/api/social/posts',
    { schema: s.createPostSchema, preHandler: writes },
    async (req, reply) => reply.code(201).send(await one(me(req), await createPost(deps, me(req), req.body))),
  );

  app.get<{ Params: PostParams }>(
    '/api/social/posts/:postId',
    { schema: s.postSchema, preHandler },
    async (req) => {
      const post = await visiblePost(deps, me(req), req.params.postId);
      void countPostView(routeDeps, post, me(req));
      return one(me(req), post);
    },
  );

  app.patch<{ Params: PostParams; Body: UpdatePostBody }>(
    '/api/social/posts/:postId',
    { schema: s.updatePostSchema, preHandler: writes },
    async (req) => one(me(req), await editPost(deps, me(req), req.params.postId, req.body)),
  );

  app.delete<{ Params: PostParams }>(
    '/api/social/posts/:postId',
    { schema: s.deletePostSchema, preHandler: writes },
    async (req, reply) => {
      await deletePost(deps, me(req), req.params.postId);
      return reply.code(204).send();
    },
  );

  app.get<{ Querystring: SocialPageQuery }>('/api/social/feed', { schema: s.feedSchema, preHandler }, (req) =>
    feed(deps, me(req), req.query),
  );

  app.get<{ Params: UserParams; Querystring: SocialPageQuery }>(
    '/api/social/users/:userId/posts',
    { schema: s.userPostsSchema, preHandler },
    (req) => userPosts(deps, me(req), req.params.userId, req.query),
  );

  app.get<{ Params: TagParams; Querystring: SocialPageQuery }>(
    '/api/social/tags/:tag/posts',
    { schema: s.tagPostsSchema, preHandler },
    (req) => tagPosts(deps, me(req), req.params.tag, req.query),
  );

  app.get<{ Querystring: SocialPageQuery & { q: string } }>(
    '/api/social/search/posts',
    {
      schema: s.searchPostsSchema,
      preHandler: [
        preHandler,
        createRateLimit(routeDeps.buckets, {
          name: 'social:search',
          perMin: routeDeps.config.limits.searchesPerMin,
          keyOf: me,
        }),
      ],
    },
    (req) => searchPosts(deps, me(req), req.query),
  );

  registerPostImageRoutes(app, deps, routeDeps);
  registerCommentRoutes(app, deps, routeDeps);
  registerReactionRoutes(app, deps, routeDeps);
}
