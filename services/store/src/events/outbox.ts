import { encodeStoreEvent, STORE_EVENTS_TOPIC, type StoreEvent } from '@chat/contracts';
import { createKeyedOutbox, type NewEvent, type SqlExecutor } from '@chat/platform';

/** A store event as the code describes it; identity and time are added by recordEvent. */
export type NewStoreEvent = NewEvent<StoreEvent>;

/** Order events keep their order per order, inventory events per user. */
function keyOf(event: StoreEvent): string {
  if (event.type === 'InventoryChanged') return `user:${event.userId}`;
  if (event.type === 'PaymentReturnDue') return `payment:${event.paymentKey}`;
  return `order:${event.orderId}`;
}

const outbox = createKeyedOutbox<StoreEvent>({
  schema: 'store',
  topic: STORE_EVENTS_TOPIC,
  what: 'store events',
  encode: encodeStoreEvent,
  keyOf,
});

/** store.outbox, relayed to STORE_EVENTS_TOPIC. */
export const STORE_OUTBOX = outbox.table;

/**
 * Records an event in the transaction of the change it reports: it reaches the log if and only
 * if the change commits (the relay appends it afterwards, at least once).
 */
export function recordEvent(tx: SqlExecutor, partial: NewStoreEvent): Promise<StoreEvent> {
  return outbox.record(tx, partial);
}
