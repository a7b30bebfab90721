import type { JsMsg, StoredMsg } from '@nats-io/jetstream';
import { type MsgHdrs, headers as natsHeaders } from '@nats-io/nats-core';
import type { AppendRecord, LogRecord } from '../../ports/event-log.ts';

/** Header names the log uses on stored messages; free text is URI-encoded. */
export const H = {
  key: 'Chat-Key',
  headers: 'Chat-Headers',
  topic: 'Chat-Topic',
  group: 'Chat-Group',
  partition: 'Chat-Partition',
  offset: 'Chat-Offset',
  error: 'Chat-Error',
  attempts: 'Chat-Attempts',
  timestamp: 'Chat-Timestamp',
} as const;

export function encodeRecordHeaders(record: Pick<AppendRecord, 'key' | 'headers'>): MsgHdrs {
  const h = natsHeaders();
  h.set(H.key, encodeURIComponent(record.key));
  if (record.headers && Object.keys(record.headers).length > 0) {
    h.set(H.headers, encodeURIComponent(JSON.stringify(record.headers)));
  }
  return h;
}

export function decodeKey(h: MsgHdrs | undefined): string {
  const v = h?.get(H.key);
  return v ? decodeURIComponent(v) : '';
}

export function decodeUserHeaders(h: MsgHdrs | undefined): Record<string, string> {
  const v = h?.get(H.headers);
  return v ? (JSON.parse(decodeURIComponent(v)) as Record<string, string>) : {};
}

export function toBytes(value: Uint8Array | string): Uint8Array {
  return typeof value === 'string' ? new TextEncoder().encode(value) : value;
}

export function toLogRecord(topic: string, partition: number, m: JsMsg | StoredMsg): LogRecord {
  const h = 'header' in m ? m.header : m.headers;
  return {
    topic,
    partition,
    offset: m.seq,
    key: decodeKey(h),
    value: m.data,
    headers: decodeUserHeaders(h),
    attempt: 1,
    timestamp: m.time.getTime(),
  };
}
