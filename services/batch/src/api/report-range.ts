import { Errors } from '@chat/platform';
import type { FastifyReply } from 'fastify';
import { isDay } from '../schedule/zoned-day.ts';

/** Days a report gives at once. */
export const MAX_REPORT_DAYS = 366;

/** A report's `from`..`to` (both included): real calendar days, in order, at most a year apart. */
export function checkReportRange(from: string, to: string): void {
  for (const [field, day] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (!isDay(day)) throw Errors.badRequest(`querystring.${field}: ${day} is not a calendar day`);
  }
  const span = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  if (span < 0) throw Errors.badRequest('querystring.from must not be after querystring.to');
  if (span >= MAX_REPORT_DAYS)
    throw Errors.badRequest(`querystring: at most ${MAX_REPORT_DAYS} days at once`);
}

/**
 * RFC 4180 lines under a header; every value of the reports is a number, a day, a zone name or
 * a time (no quoting needed). Null and undefined are empty cells.
 */
export function toCsv(columns: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const cell = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  const lines = rows.map((r) => r.map(cell).join(','));
  return `${[columns.join(','), ...lines].join('\r\n')}\r\n`;
}

/** Sends a CSV report as a download named `<name>-<from>-<to>.csv`. */
export function sendCsv(reply: FastifyReply, name: string, from: string, to: string, csv: string) {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name}-${from}-${to}.csv"`)
    .header('cache-control', 'no-store')
    .serializer((payload: unknown) => payload as string)
    .send(csv);
}
