import {
  currentRequestId,
  REQUEST_ID_HEADER,
  REQUEST_ID_PATTERN,
  withRequestId,
} from '../observability/request-context.ts';
import type { AppendRecord, LogRecord } from '../ports/event-log.ts';

/**
 * The request id on event-log records: stamped on append inside a request, current again
 * while a consumer handles what the request appended (docs/operations.md, "Request ids").
 */

/** Records appended inside a request carry its id in `x-request-id` (unless they name one already). */
export function stampRequestId(records: readonly AppendRecord[]): readonly AppendRecord[] {
  const requestId = currentRequestId();
  if (requestId === undefined) return records;
  return records.map((r) =>
    r.headers?.[REQUEST_ID_HEADER] ? r : { ...r, headers: { ...r.headers, [REQUEST_ID_HEADER]: requestId } },
  );
}

/**
 * The request id a record was appended under. Headers cross a process boundary: one that is
 * not a valid request id (as the HTTP edge accepts them) is ignored.
 */
export function recordRequestId(record: Pick<LogRecord, 'headers'>): string | undefined {
  const id = record.headers[REQUEST_ID_HEADER];
  return id !== undefined && REQUEST_ID_PATTERN.test(id) ? id : undefined;
}

/**
 * The request id a batch is handled under: the one its records share. A batch mixing requests
 * (only under load) is handled under none; a consumer that handles records one by one enters
 * each one's with `withRecordRequestId`.
 */
export function batchRequestId(records: readonly Pick<LogRecord, 'headers'>[]): string | undefined {
  const first = records[0] && recordRequestId(records[0]);
  return first !== undefined && records.every((r) => r.headers[REQUEST_ID_HEADER] === first)
    ? first
    : undefined;
}

/** Runs `fn` under the request id `record` was appended under, if it has one (else as it is). */
export function withRecordRequestId<T>(record: Pick<LogRecord, 'headers'>, fn: () => T): T {
  const id = recordRequestId(record);
  return id === undefined ? fn() : withRequestId(id, fn);
}

/** Runs `fn` under the request id `records` share, if they share one (else as it is). */
export function withBatchRequestId<T>(records: readonly Pick<LogRecord, 'headers'>[], fn: () => T): T {
  const id = batchRequestId(records);
  return id === undefined ? fn() : withRequestId(id, fn);
}
