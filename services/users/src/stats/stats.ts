import { Count, statsInternalPaths as paths, TimeRange, type UsersStatsClient } from '@chat/contracts';
import { Errors, type SqlDatabase } from '@chat/platform';
import type { FastifyInstance } from 'fastify';
import { STATS_SQL } from './stats.queries.ts';

/** UsersStatsClient over users' own table: what the batch service's statistics read. */
export function createUsersStats(db: SqlDatabase): UsersStatsClient {
  return {
    async signups(r) {
      const { rows } = await db.query<{ count: number }>(STATS_SQL.signups, [
        new Date(r.from),
        new Date(r.to),
      ]);
      return rows[0]?.count ?? 0;
    },
  };
}

/** Users' statistics for the batch service, on the internal listener (INTERNAL_TOKEN). */
export function registerStatsInternalRoutes(app: FastifyInstance, stats: UsersStatsClient): void {
  app.get<{ Querystring: TimeRange }>(
    paths.usersSignups,
    { schema: { hide: true, querystring: TimeRange, response: { 200: Count } } },
    async (req) => {
      if (Date.parse(req.query.from) >= Date.parse(req.query.to)) {
        throw Errors.badRequest('querystring.from must be before querystring.to');
      }
      return { count: await stats.signups(req.query) };
    },
  );
}
