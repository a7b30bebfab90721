import type { OrderStatus } from '@chat/contracts';
import type { SqlExecutor } from '@chat/platform';
import { recordEvent } from '../events/outbox.ts';
import type { ItemRow } from '../items/items.repository.ts';
import { Accounts, post } from '../ledger/ledger.ts';
import { inventoryRepo, type OrderRow, ordersRepo } from './orders.repository.ts';

/** The pack facts that InventoryChanged carries. */
export const packOf = (item: Pick<ItemRow, 'title' | 'emoticons'>) => ({
  title: item.title,
  emoticons: item.emoticons.map((e) => ({ alt: e.alt })),
});

/**
 * Gives an order's money back, in the caller's transaction, the order locked: revokes the pack
 * it granted (if still held), moves the points back (to the buyer's points, or to the card,
 * which the saga then cancels at the provider), marks it REFUNDED and records the events.
 */
export async function refundInTx(
  tx: SqlExecutor,
  order: OrderRow,
  item: Pick<ItemRow, 'title' | 'emoticons'>,
  from: OrderStatus,
  actor: string,
  reason: string,
): Promise<void> {
  const orderId = Number(order.id);
  const holding = await inventoryRepo.heldByOrder(tx, orderId);
  if (holding) {
    const version = await inventoryRepo.revoke(tx, Number(holding.user_id), Number(holding.item_id));
    if (version !== undefined) {
      await recordEvent(tx, {
        type: 'InventoryChanged',
        userId: Number(holding.user_id),
        itemId: Number(holding.item_id),
        owned: false,
        version: Number(version),
        pack: packOf(item),
      });
    }
  }
  if (order.price > 0) {
    await post(tx, {
      kind: 'REFUND',
      reference: `order:${orderId}:refund`,
      orderId,
      reason,
      actor,
      from: Accounts.revenue,
      to: order.method === 'POINTS' ? Accounts.user(Number(order.buyer_id)) : Accounts.card,
      amount: order.price,
    });
  }
  if (!(await ordersRepo.move(tx, orderId, from, 'REFUNDED', actor, reason))) {
    throw new Error(`order ${orderId} left ${from} during its refund`);
  }
  await recordEvent(tx, {
    type: 'OrderRefunded',
    ...orderFacts(order),
    reason,
  });
}

/** The facts every order event carries. */
export function orderFacts(order: OrderRow) {
  return {
    orderId: Number(order.id),
    buyerId: Number(order.buyer_id),
    recipientId: order.recipient_id === null ? null : Number(order.recipient_id),
    itemId: Number(order.item_id),
    amount: order.price,
    method: order.method,
  };
}
