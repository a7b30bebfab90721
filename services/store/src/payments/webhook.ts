import { Errors } from '@chat/platform';
import { Accounts, balanceOf, post } from '../ledger/ledger.ts';
import { type LockedPayment, ordersRepo, paymentsRepo, topUpsRepo } from '../orders/orders.repository.ts';
import { refundInTx } from '../orders/refund.ts';
import { settleLocked } from '../orders/settle.ts';
import type { StoreDeps } from '../store-deps.ts';
import type { ProviderEvent } from './payment-provider.ts';

export type WebhookOutcome = 'applied' | 'duplicate' | 'stale';

/**
 * Applies a verified provider event. Each event is applied once (its id is recorded in the
 * same transaction), and only over an older state of the payment (`version`), so duplicates and
 * reordered deliveries change nothing. A payment we do not know is NOT_FOUND (nothing recorded).
 */
export async function applyWebhook(deps: StoreDeps, event: ProviderEvent): Promise<WebhookOutcome> {
  const outcome = await deps.db.transaction(async (tx) => {
    const p = await paymentsRepo.lockByKey(tx, event.paymentKey);
    if (!p) throw Errors.paymentNotFound();
    if (!(await paymentsRepo.recordWebhook(tx, event.eventId, event.paymentKey, event.type))) {
      return 'duplicate' as const;
    }
    if (event.version <= p.provider_version || event.amount !== p.amount) {
      if (event.amount !== p.amount)
        deps.logger.warn({ event }, 'webhook amount differs from the payment: ignored');
      return 'stale' as const;
    }
    switch (event.type) {
      case 'payment.done':
        await settleLocked(tx, p, event.version, 'provider', 'payment confirmed by the provider');
        break;
      case 'payment.failed':
        if (await paymentsRepo.move(tx, p.payment_key, 'READY', 'FAILED', event.version)) {
          if (p.order_id !== null) {
            await ordersRepo.move(
              tx,
              Number(p.order_id),
              'CREATED',
              'CANCELLED',
              'provider',
              'payment failed at the provider',
            );
          }
          if (p.top_up_id !== null) await topUpsRepo.move(tx, Number(p.top_up_id), 'PENDING', 'FAILED');
        }
        break;
      case 'payment.canceled':
        // Refunded at the provider (by us, or by an operator there): the order follows.
        if (await paymentsRepo.move(tx, p.payment_key, 'CONFIRMED', 'CANCELLED', event.version)) {
          if (p.order_id !== null) await refundOrderCancelledAtProvider(deps, tx, Number(p.order_id));
          if (p.top_up_id !== null) await reverseTopUp(deps, tx, p);
        }
        break;
    }
    await paymentsRepo.seenVersion(tx, p.payment_key, event.version);
    return 'applied' as const;
  });
  deps.kick();
  return outcome;
}

/**
 * A top-up refunded at the provider (an operator, a chargeback): its points are taken back, as
 * many as the balance still holds (a balance never goes below zero); what was already spent is
 * logged for an operator.
 */
async function reverseTopUp(deps: StoreDeps, tx: Tx, p: LockedPayment): Promise<void> {
  const topUpId = Number(p.top_up_id);
  if (!(await topUpsRepo.move(tx, topUpId, 'COMPLETED', 'REVERSED'))) return;
  const account = Accounts.user(Number(p.user_id));
  const amount = Math.min(p.amount, await balanceOf(tx, account));
  if (amount > 0) {
    await post(tx, {
      kind: 'REFUND',
      reference: `top-up:${topUpId}:reversal`,
      orderId: null,
      reason: 'top-up cancelled at the provider',
      actor: 'provider',
      from: account,
      to: Accounts.card,
      amount,
    });
  }
  if (amount < p.amount) {
    deps.logger.error(
      { topUpId, userId: p.user_id, owed: p.amount - amount },
      'top-up cancelled at the provider after its points were spent: the rest needs an operator',
    );
  }
}

type Tx = Parameters<Parameters<StoreDeps['db']['transaction']>[0]>[0];

async function refundOrderCancelledAtProvider(deps: StoreDeps, tx: Tx, orderId: number): Promise<void> {
  const status = await ordersRepo.lock(tx, orderId);
  if (status !== 'PAID' && status !== 'FULFILLED') return;
  const order = (await ordersRepo.find(tx, orderId))!;
  const item = (await deps.items.find(Number(order.item_id), tx))!;
  await refundInTx(tx, order, item, status, 'provider', 'payment cancelled at the provider');
}
