import { type Order, REFUND_WINDOW_DAYS } from '@chat/contracts';
import { Errors } from '@chat/platform';
import type { StoreDeps } from '../store-deps.ts';
import { loadOrders } from './order-view.ts';
import { inventoryRepo, ordersRepo } from './orders.repository.ts';
import { refundInTx } from './refund.ts';

export type RefundMode = 'buyer' | 'decline' | 'admin';

/**
 * Refunds a fulfilled order: its buyer within the refund window if the pack was not used, its
 * gift's receiver by declining it (unused), an administrator any time. The money goes back to
 * where it came from; the pack is taken back.
 */
export async function refundOrder(
  deps: StoreDeps,
  actor: { id: number; mode: RefundMode },
  orderId: number,
  reason: string | undefined,
): Promise<Order> {
  await deps.db.transaction(async (tx) => {
    const status = await ordersRepo.lock(tx, orderId);
    const order = status && (await ordersRepo.find(tx, orderId));
    const allowed =
      order &&
      (actor.mode === 'admin' ||
        (actor.mode === 'buyer' && Number(order.buyer_id) === actor.id) ||
        (actor.mode === 'decline' && order.recipient_id !== null && Number(order.recipient_id) === actor.id));
    if (!order || !allowed) throw Errors.orderNotFound(orderId);
    const what = actor.mode === 'decline' ? 'declined' : 'refunded';
    if (status !== 'FULFILLED') throw Errors.orderState(orderId, status!, what);
    if (actor.mode !== 'admin') {
      const holding = await inventoryRepo.heldByOrder(tx, orderId);
      if (holding?.used_at) throw Errors.refundNotAllowed('the pack was already used in a chat');
      if (actor.mode === 'buyer' && Date.now() > order.paid_at!.getTime() + deps.refundWindowMs) {
        throw Errors.refundNotAllowed(`more than ${REFUND_WINDOW_DAYS} days since the purchase`);
      }
    }
    const item = (await deps.items.find(Number(order.item_id), tx))!;
    const label = actor.mode === 'admin' ? `admin:${actor.id}` : `user:${actor.id}`;
    const why =
      actor.mode === 'decline'
        ? `gift declined by the receiver${reason ? `: ${reason}` : ''}`
        : (reason ??
          (actor.mode === 'admin' ? 'refunded by an administrator' : 'refunded at the buyer’s request'));
    await refundInTx(tx, order, item, 'FULFILLED', label, why);
  });
  deps.kick();
  const [order] = await loadOrders(deps, deps.db, [orderId]);
  return order!;
}
