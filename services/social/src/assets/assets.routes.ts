import type { FastifyInstance } from 'fastify';
import type { SocialRouteDeps } from '../api/route-deps.ts';

/** Meta assets (avatar items, room decorations): catalog, admin, grants, images. */
export function registerAssetRoutes(_app: FastifyInstance, _deps: SocialRouteDeps): void {}
