import type { CreateOrderBody, Order } from '@chat/contracts';
import { Errors } from '@chat/platform';
import { recordEvent } from '../events/outbox.ts';
import { Accounts, post } from '../ledger/ledger.ts';
import type { StoreDeps } from '../store-deps.ts';
import { requestHash } from './idempotency.ts';
import { loadOrders } from './order-view.ts';
import { inventoryRepo, ordersRepo, paymentsRepo } from './orders.repository.ts';
import { orderFacts } from './refund.ts';
import { startPayment } from './start-payment.ts';

export interface Placed {
  order: Order;
  /** false: the Idempotency-Key was seen before and this is that order. */
  created: boolean;
}

/**
 * Places an order under an Idempotency-Key: the same key (with the same body) always answers
 * the same order and never makes a second, also when sent many times at once (the unique
 * (buyer, key) index decides; the losers read the winner's order). A POINTS order is paid in
 * the same transaction (the debit cannot overspend: ledger.post), so it is PAID when answered
 * and the fulfilment saga takes it from there. A CARD order is CREATED with a payment to
 * complete at the provider.
 */
export async function placeOrder(
  deps: StoreDeps,
  buyerId: number,
  key: string,
  body: CreateOrderBody,
  returnUrl: (orderId: number) => string,
): Promise<Placed> {
  const giftTo = body.giftTo ?? null;
  const giftMessage = giftTo === null ? null : body.giftMessage?.trim() || null;
  const hash = requestHash([body.itemId, body.method, giftTo, giftMessage]);

  const replayed = await replay(deps, buyerId, key, hash, returnUrl);
  if (replayed) return replayed;

  if (giftTo === buyerId) throw Errors.giftToSelf();
  if (giftTo !== null) {
    const friend = await deps.users.getUser(giftTo);
    if (friend?.status !== 'ACTIVE') throw Errors.userNotFound(giftTo);
  }
  const item = await deps.items.find(body.itemId);
  if (!item) throw Errors.itemNotFound(body.itemId);
  if (!item.on_sale) throw Errors.itemNotOnSale(body.itemId);
  if (await inventoryRepo.held(deps.db, giftTo ?? buyerId, body.itemId)) {
    throw Errors.alreadyOwned(giftTo === null ? 'You' : 'The receiver');
  }
  if (body.method === 'CARD') {
    if (!deps.provider) throw Errors.cardPaymentsDisabled();
    if (item.price === 0) throw Errors.badRequest('A free pack needs no card: order it with POINTS');
  }

  const actor = `user:${buyerId}`;
  const orderId = await deps.db.transaction(async (tx) => {
    const id = await ordersRepo.insert(tx, {
      buyerId,
      recipientId: giftTo,
      giftMessage,
      itemId: body.itemId,
      price: item.price,
      method: body.method,
      key,
      hash,
    });
    if (id === undefined) return undefined;
    const orderId = Number(id);
    await ordersRepo.move(
      tx,
      orderId,
      null,
      'CREATED',
      actor,
      giftTo ? `ordered as a gift for user ${giftTo}` : 'ordered',
    );
    if (body.method === 'POINTS') {
      if (item.price > 0) {
        await post(tx, {
          kind: 'PURCHASE',
          reference: `order:${orderId}:purchase`,
          orderId,
          reason: `bought "${item.title}"`,
          actor,
          from: Accounts.user(buyerId),
          to: Accounts.revenue,
          amount: item.price,
        });
      }
      await ordersRepo.move(tx, orderId, 'CREATED', 'PAID', actor, `paid with ${item.price} points`);
      await recordEvent(tx, { type: 'OrderPaid', ...orderFacts((await ordersRepo.find(tx, orderId))!) });
    }
    return orderId;
  });
  if (orderId === undefined) {
    // Another request with this key committed first: answer its order.
    const again = await replay(deps, buyerId, key, hash, returnUrl);
    if (!again) throw new Error('an order conflicted on its key but is not there');
    return again;
  }
  deps.kick();
  if (body.method === 'CARD') await startPayment(deps, orderId, returnUrl(orderId));
  const [order] = await loadOrders(deps, deps.db, [orderId]);
  return { order: order!, created: true };
}

async function replay(
  deps: StoreDeps,
  buyerId: number,
  key: string,
  hash: string,
  returnUrl: (orderId: number) => string,
): Promise<Placed | undefined> {
  const seen = await ordersRepo.idByKey(deps.db, buyerId, key);
  if (!seen) return undefined;
  if (seen.request_hash !== hash) throw Errors.idempotencyKeyReused();
  const id = Number(seen.id);
  let [order] = await loadOrders(deps, deps.db, [id]);
  // A card order whose payment could not be started (the provider was down): start it now.
  if (order!.method === 'CARD' && order!.payment === null && order!.status === 'CREATED') {
    await startPayment(deps, id, returnUrl(id));
    [order] = await loadOrders(deps, deps.db, [id]);
  }
  return { order: order!, created: false };
}

/** The buyer gives up an order not paid yet. */
export async function cancelOrder(deps: StoreDeps, userId: number, orderId: number): Promise<Order> {
  await deps.db.transaction(async (tx) => {
    // The payment before the order, as settlement locks them (no deadlock with a confirm).
    const [payment] = await paymentsRepo.ofOrders(tx, [orderId]);
    if (payment) await paymentsRepo.lockByKey(tx, payment.payment_key);
    const status = await ordersRepo.lock(tx, orderId);
    const order = status && (await ordersRepo.find(tx, orderId));
    if (!order || Number(order.buyer_id) !== userId) throw Errors.orderNotFound(orderId);
    if (status !== 'CREATED') throw Errors.orderState(orderId, status!, 'cancelled');
    await ordersRepo.move(tx, orderId, 'CREATED', 'CANCELLED', `user:${userId}`, 'cancelled by the buyer');
    // A capture the provider reports later is given back (settleLocked).
    if (payment) await paymentsRepo.move(tx, payment.payment_key, 'READY', 'CANCELLED', 0);
  });
  const [order] = await loadOrders(deps, deps.db, [orderId]);
  return order!;
}
