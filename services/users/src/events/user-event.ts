import { randomUUID } from 'node:crypto';
import { encodeUserEvent, type UserEvent } from '@chat/contracts';
import { type AppendRecord, currentRequestId, REQUEST_ID_HEADER } from '@chat/platform';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A user event as the services describe it; `eventId` and `occurredAt` are added here. */
export type NewUserEvent = DistributiveOmit<UserEvent, 'eventId' | 'occurredAt'>;

/** The one place user events get their identity and time. */
export function buildUserEvent(partial: NewUserEvent, occurredAt: number = Date.now()): UserEvent {
  return { ...partial, eventId: randomUUID(), occurredAt } as UserEvent;
}

/** What the outbox keeps of an event: enough to append it as the log record below. */
export interface StoredUserEvent {
  event_id: string;
  user_id: number;
  type: string;
  /** `encodeUserEvent(event)`, the record's value byte for byte. */
  payload: string;
  /** The request that made the change (none for changes made outside a request). */
  request_id: string | null;
}

export function toStoredUserEvent(event: UserEvent): StoredUserEvent {
  return {
    event_id: event.eventId,
    user_id: event.userId,
    type: event.type,
    payload: encodeUserEvent(event),
    request_id: currentRequestId() ?? null,
  };
}

/** The log record of a stored event: keyed by user (per-user order), de-duplicated by eventId. */
export function toLogRecord(row: StoredUserEvent): AppendRecord {
  const headers: Record<string, string> = { type: row.type };
  if (row.request_id) headers[REQUEST_ID_HEADER] = row.request_id;
  return { key: String(row.user_id), value: row.payload, id: row.event_id, headers };
}
