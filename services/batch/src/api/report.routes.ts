import {
  BearerAuth,
  ClientErrors,
  DailyStatistics,
  type DailyStatisticsQuery,
  DailyStatisticsQuery as Query,
} from '@chat/contracts';
import { Errors } from '@chat/platform';
import type { AuthGuards } from '@chat/security';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { DailyStatsRepository, DailyStatsRow } from '../jobs/daily-statistics/daily-stats.repository.ts';
import { isDay } from '../schedule/zoned-day.ts';

const MAX_DAYS = 366;

const reportSchema = {
  tags: ['batch', 'admin'],
  security: BearerAuth,
  summary: 'Daily statistics for a range of days, as JSON or a CSV download (ROLE_ADMIN)',
  querystring: Query,
  response: { 200: Type.Array(DailyStatistics), ...ClientErrors },
};

function present(r: DailyStatsRow): DailyStatistics {
  const n = (v: number | null) => (v === null ? null : Number(v));
  return {
    day: r.day,
    timeZone: r.time_zone,
    messages: {
      direct: Number(r.messages_direct),
      group: Number(r.messages_group),
      total: Number(r.messages_direct) + Number(r.messages_group),
    },
    activeUsers: n(r.active_users),
    weeklyActiveUsers: n(r.weekly_active),
    monthlyActiveUsers: n(r.monthly_active),
    signups: n(r.signups),
    roomsCreated: n(r.rooms_created),
    peakConnections: n(r.peak_connections),
    computedAt: r.computed_at ? r.computed_at.toISOString() : null,
  };
}

const CSV_COLUMNS = [
  'day',
  'time_zone',
  'messages_direct',
  'messages_group',
  'messages_total',
  'active_users',
  'weekly_active_users',
  'monthly_active_users',
  'signups',
  'rooms_created',
  'peak_connections',
  'computed_at',
] as const;

/** RFC 4180 lines; every value here is a number, a day, a zone name or a time (no quoting needed). */
function toCsv(days: readonly DailyStatistics[]): string {
  const cell = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  const lines = days.map((d) =>
    [
      d.day,
      d.timeZone,
      d.messages.direct,
      d.messages.group,
      d.messages.total,
      d.activeUsers,
      d.weeklyActiveUsers,
      d.monthlyActiveUsers,
      d.signups,
      d.roomsCreated,
      d.peakConnections,
      d.computedAt,
    ]
      .map(cell)
      .join(','),
  );
  return `${[CSV_COLUMNS.join(','), ...lines].join('\r\n')}\r\n`;
}

/** GET /api/batch/reports/daily-statistics: the daily-statistics job's output. */
export function registerReportRoutes(
  app: FastifyInstance,
  deps: { stats: DailyStatsRepository; guards: AuthGuards },
): void {
  app.get<{ Querystring: DailyStatisticsQuery }>(
    '/api/batch/reports/daily-statistics',
    { schema: reportSchema, preHandler: deps.guards.requireAdmin },
    async (req, reply) => {
      const { from, to, format } = req.query;
      for (const [field, day] of [
        ['from', from],
        ['to', to],
      ] as const) {
        if (!isDay(day)) throw Errors.badRequest(`querystring.${field}: ${day} is not a calendar day`);
      }
      const span = (Date.parse(to) - Date.parse(from)) / 86_400_000;
      if (span < 0) throw Errors.badRequest('querystring.from must not be after querystring.to');
      if (span >= MAX_DAYS) throw Errors.badRequest(`querystring: at most ${MAX_DAYS} days at once`);
      const days = (await deps.stats.range(from, to)).map(present);
      if (format !== 'csv') return days;
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="daily-statistics-${from}-${to}.csv"`)
        .header('cache-control', 'no-store')
        .serializer((payload: unknown) => payload as string)
        .send(toCsv(days));
    },
  );
}
