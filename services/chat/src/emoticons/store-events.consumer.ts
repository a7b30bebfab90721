import {
  decodeStoreEvent,
  type InventoryChanged,
  type OrderFulfilled,
  STORE_EVENTS_TOPIC,
  type StoreEvent,
} from '@chat/contracts';
import {
  AppError,
  type Consumer,
  type EventLog,
  type Logger,
  type LogRecord,
  PermanentError,
  withRecordRequestId,
} from '@chat/platform';

export const CHAT_STORE_GROUP = 'chat-store';

/**
 * Chat's view of the store's events (store.events): InventoryChanged keeps the local copy of who
 * holds which pack current (version-guarded, so replays and reordering change nothing), and a
 * gift's OrderFulfilled posts GIFT_SENT in the 1:1 room of giver and receiver (made if missing,
 * as `POST /api/rooms/direct` would; one message per order, however often it is delivered).
 * Other store events are not chat's business.
 */
export function createStoreEventsConsumer(deps: {
  log: EventLog;
  applyInventory: (event: InventoryChanged) => Promise<boolean>;
  /** The 1:1 room of the two users, made when missing. */
  directRoom: (userId: number, otherId: number) => Promise<number>;
  postGift: (roomId: number, order: OrderFulfilled & { recipientId: number }) => Promise<void>;
  logger: Logger;
}) {
  let consumer: Consumer | undefined;

  async function gift(order: OrderFulfilled & { recipientId: number }): Promise<void> {
    let roomId: number;
    try {
      roomId = await deps.directRoom(order.buyerId, order.recipientId);
    } catch (err) {
      // A giver or receiver chat cannot find (deleted): no room to tell; the gift stands.
      if (err instanceof AppError && err.status === 404) {
        deps.logger.warn({ err, orderId: order.orderId }, 'gift message not posted: user not found');
        return;
      }
      throw err;
    }
    await deps.postGift(roomId, order);
  }

  async function apply(event: StoreEvent): Promise<void> {
    switch (event.type) {
      case 'InventoryChanged':
        await deps.applyInventory(event);
        return;
      case 'OrderFulfilled': {
        const { recipientId } = event;
        if (recipientId !== null && recipientId !== event.buyerId) await gift({ ...event, recipientId });
        return;
      }
      default:
        return;
    }
  }

  async function handle(records: readonly LogRecord[]): Promise<void> {
    for (const record of records) {
      await withRecordRequestId(record, () => apply(decode(record)));
    }
  }

  return {
    async start() {
      await deps.log.ensureTopic(STORE_EVENTS_TOPIC);
      consumer = await deps.log.consume(STORE_EVENTS_TOPIC, CHAT_STORE_GROUP, handle, {
        batchSize: 100,
        onDeadLetter: (record, err) =>
          deps.logger.error(
            { err, partition: record.partition, offset: record.offset },
            'store event dead-lettered',
          ),
      });
    },
    async stop() {
      await consumer?.stop();
    },
  };
}

/** An event that does not decode never will: dead-lettered at once, not retried. */
function decode(record: LogRecord): StoreEvent {
  try {
    return decodeStoreEvent(record.value);
  } catch (err) {
    throw new PermanentError(`malformed store event: ${(err as Error).message}`, { cause: err });
  }
}
