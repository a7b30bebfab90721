import { POST_IMAGE_MAX, type PostImageParams } from '@chat/contracts';
import type { ObjectStore } from '@chat/platform';
import type { FastifyInstance } from 'fastify';
import type { SocialRouteDeps } from '../api/route-deps.ts';
import type { PostDeps } from './post-deps.ts';
import { openImage, uploadImage } from './post-images.ts';
import * as s from './posts.schema.ts';

/** Uploads for posts (raw bytes), and a post's images for those who may see it. */
export function registerPostImageRoutes(
  app: FastifyInstance,
  deps: PostDeps & { storage: ObjectStore },
  routeDeps: SocialRouteDeps,
): void {
  const { authenticate: preHandler } = routeDeps.guards;
  const me = routeDeps.userIdOf;
  const uploads = { ...deps, config: routeDeps.config };

  // The image's bytes as the body, whatever its Content-Type says (checked against the bytes):
  // parsed as a buffer in this scope only.
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: POST_IMAGE_MAX }, (_req, body, done) =>
      done(null, body),
    );
    scope.post(
      '/api/social/posts/images',
      {
        schema: s.uploadImageSchema,
        preHandler: [preHandler, routeDeps.writeLimit],
        bodyLimit: POST_IMAGE_MAX,
      },
      async (req, reply) => {
        const type = String(req.headers['content-type'] ?? '')
          .split(';')[0]!
          .trim()
          .toLowerCase();
        return reply.code(201).send(await uploadImage(uploads, me(req), type, req.body));
      },
    );
  });

  app.get<{ Params: PostImageParams }>(
    '/api/social/posts/:postId/images/:imageId',
    { schema: s.postImageSchema, preHandler },
    async (req, reply) => {
      const { contentType, read } = await openImage(deps, me(req), req.params.postId, req.params.imageId);
      return reply
        .type(contentType)
        .header('content-length', String(read.size))
        .header('cache-control', 'private, max-age=3600')
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(read.body);
    },
  );
}
