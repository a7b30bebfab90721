import { randomUUID } from 'node:crypto';
import { encodeStoreEvent, STORE_EVENTS_TOPIC, type StoreEvent } from '@chat/contracts';
import { currentRequestId, type OutboxTable, REQUEST_ID_HEADER, type SqlExecutor } from '@chat/platform';
import { OUTBOX_SQL } from './outbox.queries.ts';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A store event as the code describes it; identity and time are added by recordEvent. */
export type NewStoreEvent = DistributiveOmit<StoreEvent, 'eventId' | 'occurredAt'>;

interface OutboxRow {
  id: number;
  event_id: string;
  key: string;
  type: string;
  payload: string;
  request_id: string | null;
}

/** Order events keep their order per order, inventory events per user. */
function keyOf(event: StoreEvent): string {
  if (event.type === 'InventoryChanged') return `user:${event.userId}`;
  if (event.type === 'PaymentReturnDue') return `payment:${event.paymentKey}`;
  return `order:${event.orderId}`;
}

/**
 * Records an event in the transaction of the change it reports: it reaches the log if and only
 * if the change commits (the relay appends it afterwards, at least once).
 */
export async function recordEvent(tx: SqlExecutor, partial: NewStoreEvent): Promise<StoreEvent> {
  const event = { ...partial, eventId: randomUUID(), occurredAt: Date.now() } as StoreEvent;
  await tx.query(OUTBOX_SQL.insert, [
    event.eventId,
    keyOf(event),
    event.type,
    encodeStoreEvent(event),
    currentRequestId() ?? null,
  ]);
  return event;
}

/** store.outbox, relayed to STORE_EVENTS_TOPIC. */
export const STORE_OUTBOX: OutboxTable<OutboxRow> = {
  topic: STORE_EVENTS_TOPIC,
  what: 'store events',
  leaseKey: 'store:outbox:relay-lease',
  next: OUTBOX_SQL.next,
  delete: OUTBOX_SQL.delete,
  backlog: OUTBOX_SQL.backlog,
  keyOf: (row) => row.key,
  toRecord(row) {
    const headers: Record<string, string> = { type: row.type };
    if (row.request_id) headers[REQUEST_ID_HEADER] = row.request_id;
    return { key: row.key, value: row.payload, id: row.event_id, headers };
  },
};
