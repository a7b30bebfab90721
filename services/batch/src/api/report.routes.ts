import {
  BearerAuth,
  ClientErrors,
  DailyStatistics,
  type DailyStatisticsQuery,
  DailyStatisticsQuery as Query,
} from '@chat/contracts';
import type { AuthGuards } from '@chat/security';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { DailyStatsRepository, DailyStatsRow } from '../jobs/daily-statistics/daily-stats.repository.ts';
import { checkReportRange, sendCsv, toCsv } from './report-range.ts';

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

function csvRow(d: DailyStatistics): unknown[] {
  return [
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
  ];
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
      checkReportRange(from, to);
      const days = (await deps.stats.range(from, to)).map(present);
      if (format !== 'csv') return days;
      return sendCsv(reply, 'daily-statistics', from, to, toCsv(CSV_COLUMNS, days.map(csvRow)));
    },
  );
}
