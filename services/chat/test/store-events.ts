// What the store would append to the log, for chat's tests: InventoryChanged and OrderFulfilled
// events written straight to store.events (no store service needed), and waits for a consumer
// group to have handled everything appended so far.
import { randomUUID } from 'node:crypto';
import {
  encodeStoreEvent,
  type InventoryChanged,
  type OrderFulfilled,
  STORE_EVENTS_TOPIC,
} from '@chat/contracts';
import type { EventLog } from '@chat/platform';
import { eventually } from '@chat/testing';

let nextId = 1_000 + Math.floor(Math.random() * 1_000_000);
/** A store id (item, order) no other test uses. */
export const storeId = () => nextId++;

export async function appendInventory(
  log: EventLog,
  e: { userId: number; itemId: number; owned: boolean; version: number; alts?: string[]; title?: string },
): Promise<void> {
  const event: InventoryChanged = {
    type: 'InventoryChanged',
    eventId: randomUUID(),
    occurredAt: Date.now(),
    userId: e.userId,
    itemId: e.itemId,
    owned: e.owned,
    version: e.version,
    pack: {
      title: e.title ?? `pack ${e.itemId}`,
      emoticons: (e.alts ?? ['(웃음)', '(하트)']).map((alt) => ({ alt })),
    },
  };
  await log.ensureTopic(STORE_EVENTS_TOPIC);
  await log.append(STORE_EVENTS_TOPIC, [{ key: `user:${e.userId}`, value: encodeStoreEvent(event) }]);
}

export function fulfilledGift(o: {
  orderId: number;
  buyerId: number;
  recipientId: number;
  itemId: number;
  itemTitle: string;
  giftMessage: string | null;
}): OrderFulfilled {
  return {
    type: 'OrderFulfilled',
    eventId: randomUUID(),
    occurredAt: Date.now(),
    amount: 2500,
    method: 'POINTS',
    ...o,
  };
}

/** Appends an OrderFulfilled as often as given (a redelivery is the same event again). */
export async function appendOrder(log: EventLog, event: OrderFulfilled, times = 1): Promise<void> {
  await log.ensureTopic(STORE_EVENTS_TOPIC);
  for (let i = 0; i < times; i++) {
    await log.append(STORE_EVENTS_TOPIC, [{ key: `order:${event.orderId}`, value: encodeStoreEvent(event) }]);
  }
}

/** Until `group` has handled (committed) every record of `topic` appended so far. */
export async function drained(log: EventLog, topic: string, group: string): Promise<void> {
  await eventually(async () => (await log.lag(topic, group)).every((p) => p.lag === 0), 15_000);
}
