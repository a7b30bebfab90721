import type { OrderPaid } from '@chat/contracts';
import { recordEvent } from '../events/outbox.ts';
import { inventoryRepo, ordersRepo } from '../orders/orders.repository.ts';
import { orderFacts, packOf, refundInTx } from '../orders/refund.ts';
import type { StoreDeps } from '../store-deps.ts';

/**
 * The saga's step after OrderPaid: grant the pack to the buyer (or the gift's receiver) and mark
 * the order FULFILLED, in one transaction with the events. When the pack cannot be granted
 * (its holder got it meanwhile, by another order), compensate: refund, recording why.
 * Idempotent: only a PAID order is touched, so a redelivered event changes nothing.
 */
export async function fulfil(deps: StoreDeps, event: OrderPaid): Promise<void> {
  const changed = await deps.db.transaction(async (tx) => {
    if ((await ordersRepo.lock(tx, event.orderId)) !== 'PAID') return false;
    const order = (await ordersRepo.find(tx, event.orderId))!;
    const item = (await deps.items.find(Number(order.item_id), tx))!;
    const buyer = Number(order.buyer_id);
    const holder = order.recipient_id === null ? buyer : Number(order.recipient_id);
    const gift = holder !== buyer;
    const version = await inventoryRepo.grant(
      tx,
      holder,
      Number(order.item_id),
      event.orderId,
      gift ? buyer : null,
    );
    if (version === undefined) {
      const why = gift ? 'the receiver already holds this pack' : 'the buyer already holds this pack';
      await refundInTx(tx, order, item, 'PAID', 'system', `not fulfilled: ${why}`);
      return true;
    }
    await ordersRepo.move(tx, event.orderId, 'PAID', 'FULFILLED', 'system', `pack granted to user ${holder}`);
    await recordEvent(tx, {
      type: 'InventoryChanged',
      userId: holder,
      itemId: Number(order.item_id),
      owned: true,
      version: Number(version),
      pack: packOf(item),
    });
    await recordEvent(tx, {
      type: 'OrderFulfilled',
      ...orderFacts(order),
      itemTitle: item.title,
      giftMessage: order.gift_message,
    });
    return true;
  });
  if (changed) deps.kick();
}
