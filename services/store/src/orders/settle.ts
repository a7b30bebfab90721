import type { SqlExecutor } from '@chat/platform';
import { recordEvent } from '../events/outbox.ts';
import { Accounts, post } from '../ledger/ledger.ts';
import { type LockedPayment, ordersRepo, paymentsRepo, topUpsRepo } from './orders.repository.ts';
import { orderFacts } from './refund.ts';

/**
 * Records a payment the provider captured, in the caller's transaction, the payment locked:
 * once only (READY -> CONFIRMED), whichever of the buyer's confirm and the provider's webhook
 * comes first. The money enters the ledger from `external:card`: to the shop's revenue for an
 * order (which becomes PAID, OrderPaid starting the fulfilment), to the user's points for a
 * top-up. Money captured for an order cancelled meanwhile (the buyer cancelled while the
 * provider confirmed) is due back: PaymentReturnDue, in the same transaction, has the saga
 * cancel the payment at the provider until it succeeds.
 */
export async function settleLocked(
  tx: SqlExecutor,
  p: LockedPayment,
  version: number,
  actor: string,
  reason: string,
): Promise<void> {
  if (p.status === 'CANCELLED' && p.provider_version < version) {
    // Cancelled here before the capture was known: the capture must be undone.
    await paymentsRepo.seenVersion(tx, p.payment_key, version);
    await returnDue(tx, p, 'the order was cancelled before its payment completed');
    return;
  }
  if (p.status !== 'READY') {
    await paymentsRepo.seenVersion(tx, p.payment_key, version);
    return;
  }
  await paymentsRepo.move(tx, p.payment_key, 'READY', 'CONFIRMED', version);
  if (p.top_up_id !== null) {
    const topUpId = Number(p.top_up_id);
    if (await topUpsRepo.move(tx, topUpId, 'PENDING', 'COMPLETED')) {
      await post(tx, {
        kind: 'TOP_UP',
        reference: `top-up:${topUpId}`,
        orderId: null,
        reason: `top-up by card (${p.payment_key})`,
        actor,
        from: Accounts.card,
        to: Accounts.user(Number(p.user_id)),
        amount: p.amount,
      });
    }
    return;
  }
  const orderId = Number(p.order_id);
  const status = await ordersRepo.lock(tx, orderId);
  if (status !== 'CREATED') {
    await returnDue(tx, p, 'the order was cancelled before its payment completed');
    return;
  }
  await post(tx, {
    kind: 'PURCHASE',
    reference: `order:${orderId}:purchase`,
    orderId,
    reason: `paid by card (${p.payment_key})`,
    actor,
    from: Accounts.card,
    to: Accounts.revenue,
    amount: p.amount,
  });
  await ordersRepo.move(tx, orderId, 'CREATED', 'PAID', actor, reason);
  const order = (await ordersRepo.find(tx, orderId))!;
  await recordEvent(tx, { type: 'OrderPaid', ...orderFacts(order) });
}

async function returnDue(tx: SqlExecutor, p: LockedPayment, reason: string): Promise<void> {
  await recordEvent(tx, { type: 'PaymentReturnDue', paymentKey: p.payment_key, amount: p.amount, reason });
}
