import type { FastifyInstance } from 'fastify';
import type { SocialRouteDeps } from '../api/route-deps.ts';

/** Mini-homepages: rooms, decorations, guestbooks, visits, random visits under /api/social. */
export function registerRoomRoutes(_app: FastifyInstance, _deps: SocialRouteDeps): void {}
