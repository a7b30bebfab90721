import {
  decodeStoreEvent,
  type InventoryChanged,
  type OrderFulfilled,
  STORE_EVENTS_TOPIC,
  type StoreEvent,
} from '@chat/contracts';
import {
  AppError,
  createEventConsumer,
  type EventConsumer,
  type EventLog,
  type Logger,
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
}): EventConsumer {
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

  return createEventConsumer({
    log: deps.log,
    topic: STORE_EVENTS_TOPIC,
    group: CHAT_STORE_GROUP,
    what: 'store event',
    decode: decodeStoreEvent,
    apply,
    logger: deps.logger,
  });
}
