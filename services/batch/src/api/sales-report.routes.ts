import {
  BearerAuth,
  ClientErrors,
  type DailySales,
  DailySalesReport,
  type DailyStatisticsQuery,
  DailyStatisticsQuery as Query,
} from '@chat/contracts';
import type { AuthGuards } from '@chat/security';
import type { FastifyInstance } from 'fastify';
import type { DailySalesRepository, DailySalesRow } from '../jobs/daily-sales/daily-sales.repository.ts';
import { checkReportRange, sendCsv, toCsv } from './report-range.ts';

const reportSchema = {
  tags: ['batch', 'admin', 'store'],
  security: BearerAuth,
  summary: "The store's daily sales for a range of days, as JSON or a CSV download (ROLE_ADMIN)",
  querystring: Query,
  response: { 200: DailySalesReport, ...ClientErrors },
};

function present(r: DailySalesRow): DailySales {
  return {
    day: r.day,
    orders: Number(r.orders),
    gifts: Number(r.gifts),
    refunds: Number(r.refunds),
    revenue: Number(r.revenue),
    buyers: Number(r.buyers),
  };
}

const CSV_COLUMNS = [
  'day',
  'time_zone',
  'orders',
  'gifts',
  'refunds',
  'revenue',
  'buyers',
  'computed_at',
] as const;

const csvRow = (r: DailySalesRow, d: DailySales) => [
  d.day,
  r.time_zone,
  d.orders,
  d.gifts,
  d.refunds,
  d.revenue,
  d.buyers,
  r.computed_at.toISOString(),
];

/** GET /api/batch/reports/daily-sales: the daily-sales job's output. */
export function registerSalesReportRoutes(
  app: FastifyInstance,
  deps: { sales: DailySalesRepository; guards: AuthGuards },
): void {
  app.get<{ Querystring: DailyStatisticsQuery }>(
    '/api/batch/reports/daily-sales',
    { schema: reportSchema, preHandler: deps.guards.requireAdmin },
    async (req, reply) => {
      const { from, to, format } = req.query;
      checkReportRange(from, to);
      const rows = await deps.sales.range(from, to);
      if (format !== 'csv') return { days: rows.map(present) };
      const csv = toCsv(
        CSV_COLUMNS,
        rows.map((r) => csvRow(r, present(r))),
      );
      return sendCsv(reply, 'daily-sales', from, to, csv);
    },
  );
}
