import {
  decodeEmoticonUsed,
  decodeStoreEvent,
  EMOTICON_USAGE_TOPIC,
  STORE_EVENTS_TOPIC,
} from '@chat/contracts';
import { type Consumer, type EventLog, type LogRecord, withRecordRequestId } from '@chat/platform';
import { inventoryRepo, paymentsRepo } from '../orders/orders.repository.ts';
import { giveBackAtProvider } from '../payments/give-back.ts';
import type { StoreDeps } from '../store-deps.ts';
import { fulfil } from './fulfil.ts';

export const STORE_SAGA_GROUP = 'store-saga';
export const STORE_USAGE_GROUP = 'store-usage';

/**
 * The store's own consumers: the order saga on store.events (OrderPaid -> fulfil;
 * OrderRefunded of a card order -> refund at the provider), and chat's first uses of packs
 * (a used pack is no longer refundable by its buyer). Every step is idempotent: the log
 * delivers at least once.
 */
export function createSagaConsumers(deps: StoreDeps & { log: EventLog }) {
  const consumers: Consumer[] = [];

  async function onStoreEvents(records: readonly LogRecord[]): Promise<void> {
    for (const record of records) {
      await withRecordRequestId(record, async () => {
        const event = decodeStoreEvent(record.value);
        if (event.type === 'OrderPaid') await fulfil(deps, event);
        if (event.type === 'PaymentReturnDue') await giveBackAtProvider(deps, event.paymentKey, event.reason);
        if (event.type === 'OrderRefunded' && event.method === 'CARD') {
          const [payment] = await paymentsRepo.ofOrders(deps.db, [event.orderId]);
          if (payment?.status === 'CONFIRMED')
            await giveBackAtProvider(deps, payment.payment_key, event.reason);
        }
      });
    }
  }

  async function onUsage(records: readonly LogRecord[]): Promise<void> {
    for (const record of records) {
      const used = decodeEmoticonUsed(record.value);
      await inventoryRepo.markUsed(deps.db, used.userId, used.itemId, used.usedAt);
    }
  }

  const onDeadLetter = (what: string) => (record: LogRecord, err: Error) =>
    deps.logger.error({ err, partition: record.partition, offset: record.offset }, `${what} dead-lettered`);

  return {
    async start() {
      await deps.log.ensureTopic(STORE_EVENTS_TOPIC);
      await deps.log.ensureTopic(EMOTICON_USAGE_TOPIC);
      consumers.push(
        await deps.log.consume(STORE_EVENTS_TOPIC, STORE_SAGA_GROUP, onStoreEvents, {
          batchSize: 50,
          onDeadLetter: onDeadLetter('store saga event'),
        }),
        await deps.log.consume(EMOTICON_USAGE_TOPIC, STORE_USAGE_GROUP, onUsage, {
          batchSize: 100,
          onDeadLetter: onDeadLetter('emoticon use'),
        }),
      );
    },
    async stop() {
      await Promise.all(consumers.splice(0).map((c) => c.stop()));
    },
  };
}
