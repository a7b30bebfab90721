import { statsInternalPaths as paths, SalesFigures, type StoreStatsClient, TimeRange } from '@chat/contracts';
import { Errors } from '@chat/platform';
import type { FastifyInstance } from 'fastify';

/** The store's figures for the batch service, on the internal listener (INTERNAL_TOKEN). */
export function registerStoreInternalRoutes(app: FastifyInstance, stats: StoreStatsClient): void {
  app.get<{ Querystring: TimeRange }>(
    paths.storeSales,
    { schema: { hide: true, querystring: TimeRange, response: { 200: SalesFigures } } },
    async (req) => {
      if (Date.parse(req.query.from) >= Date.parse(req.query.to))
        throw Errors.badRequest('querystring.from must be before querystring.to');
      return stats.salesOfDay(req.query);
    },
  );
}
