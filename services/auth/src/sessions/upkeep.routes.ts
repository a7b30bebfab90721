import { AuthPurged, type AuthUpkeepClient, ErrorBody, statsInternalPaths as paths } from '@chat/contracts';
import type { FastifyInstance } from 'fastify';

/** Auth's purge for the batch service's retention job, on the internal listener (INTERNAL_TOKEN). */
export function registerUpkeepRoutes(app: FastifyInstance, upkeep: AuthUpkeepClient): void {
  app.post(
    paths.authPurge,
    { schema: { hide: true, tags: ['internal'], response: { 200: AuthPurged, '4xx': ErrorBody } } },
    async () => upkeep.purgeExpired(),
  );
}
