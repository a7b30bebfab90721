import type { Order } from '@chat/contracts';
import { Errors } from '@chat/platform';
import { loadOrders } from '../orders/order-view.ts';
import { ordersRepo, paymentsRepo, topUpsRepo } from '../orders/orders.repository.ts';
import { settleLocked } from '../orders/settle.ts';
import type { StoreDeps } from '../store-deps.ts';
import { ProviderUnavailableError } from './payment-provider.ts';

/**
 * Confirms a card payment the buyer completed on the provider's page: the provider captures it
 * and the order becomes PAID (settleLocked). Idempotent: a paid order answers as it is. When
 * the provider does not answer, the outcome is unknown: 503, the order waits, and the webhook
 * or a retry settles it. A decline cancels the order.
 */
export async function confirmOrderPayment(
  deps: StoreDeps,
  userId: number,
  orderId: number,
  paymentKey: string,
): Promise<Order> {
  const order = await ordersRepo.find(deps.db, orderId);
  if (!order || Number(order.buyer_id) !== userId) throw Errors.orderNotFound(orderId);
  const [payment] = await paymentsRepo.ofOrders(deps.db, [orderId]);
  if (!payment || payment.payment_key !== paymentKey) throw Errors.paymentMismatch();
  if (order.status === 'CREATED') {
    await confirmAtProvider(deps, paymentKey, payment.amount, `user:${userId}`, 'paid by card');
  } else if (order.status !== 'PAID' && order.status !== 'FULFILLED') {
    throw Errors.orderState(orderId, order.status, 'paid');
  }
  const [now] = await loadOrders(deps, deps.db, [orderId]);
  return now!;
}

/** Confirms a card top-up: the points reach the balance once the provider captured the money. */
export async function confirmTopUp(deps: StoreDeps, userId: number, topUpId: number, paymentKey: string) {
  const topUp = await topUpsRepo.find(deps.db, topUpId);
  if (!topUp || Number(topUp.user_id) !== userId) throw Errors.notFound(`Top-up ${topUpId}`);
  const payment = await paymentsRepo.ofTopUp(deps.db, topUpId);
  if (!payment || payment.payment_key !== paymentKey) throw Errors.paymentMismatch();
  if (topUp.status === 'PENDING') {
    await confirmAtProvider(deps, paymentKey, payment.amount, `user:${userId}`, 'top-up by card');
  } else if (topUp.status === 'FAILED') {
    throw Errors.conflict(`Top-up ${topUpId} failed: start a new one`);
  }
}

async function confirmAtProvider(
  deps: StoreDeps,
  paymentKey: string,
  amount: number,
  actor: string,
  reason: string,
): Promise<void> {
  const provider = deps.provider;
  if (!provider) throw Errors.cardPaymentsDisabled();
  let outcome: Awaited<ReturnType<typeof provider.confirm>>;
  try {
    outcome = await provider.confirm(paymentKey, amount);
  } catch (err) {
    if (!(err instanceof ProviderUnavailableError)) throw err;
    deps.logger.warn({ err, paymentKey }, 'payment confirmation unknown: the provider did not answer');
    throw Errors.paymentProviderUnavailable();
  }
  if (!outcome.ok) {
    if (outcome.final) await failPayment(deps, paymentKey, `payment declined: ${outcome.reason}`);
    throw Errors.paymentDeclined(outcome.reason);
  }
  await deps.db.transaction(async (tx) => {
    const locked = await paymentsRepo.lockByKey(tx, paymentKey);
    if (!locked) throw Errors.paymentNotFound();
    await settleLocked(tx, locked, outcome.version, actor, reason);
  });
  deps.kick();
}

/** A payment the provider refused: the payment FAILED, its order CANCELLED (or top-up FAILED). */
export async function failPayment(
  deps: StoreDeps,
  paymentKey: string,
  reason: string,
  version = 0,
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const p = await paymentsRepo.lockByKey(tx, paymentKey);
    if (!p || !(await paymentsRepo.move(tx, paymentKey, 'READY', 'FAILED', version))) return;
    if (p.order_id !== null)
      await ordersRepo.move(tx, Number(p.order_id), 'CREATED', 'CANCELLED', 'provider', reason);
    if (p.top_up_id !== null) await topUpsRepo.move(tx, Number(p.top_up_id), 'PENDING', 'FAILED');
  });
}
