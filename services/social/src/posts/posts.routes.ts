import type { FastifyInstance } from 'fastify';
import type { SocialRouteDeps } from '../api/route-deps.ts';

/** Posts, comments, reactions, tag pages and the feed under /api/social. */
export function registerPostRoutes(_app: FastifyInstance, _deps: SocialRouteDeps): void {}
