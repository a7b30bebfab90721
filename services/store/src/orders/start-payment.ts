import { Errors } from '@chat/platform';
import { ProviderUnavailableError } from '../payments/payment-provider.ts';
import type { StoreDeps } from '../store-deps.ts';
import { ordersRepo, paymentsRepo, topUpsRepo } from './orders.repository.ts';

/**
 * Creates the provider's payment of a CARD order or a top-up and stores it (READY). The
 * provider call is idempotent on `order-{id}-{created}` / `top-up-...`, so a retry after a failure
 * finds the same payment. A provider that does not answer leaves the order waiting (503).
 */
export async function startPayment(deps: StoreDeps, orderId: number, returnUrl: string): Promise<void> {
  const order = (await ordersRepo.find(deps.db, orderId))!;
  // Stable across retries, and unique beyond this database (ids start again in a new one).
  await create(deps, {
    ref: `order-${orderId}-${order.created_at.getTime().toString(36)}`,
    amount: order.price,
    name: order.item_title,
    returnUrl,
    userId: Number(order.buyer_id),
    orderId,
    topUpId: null,
  });
}

export async function startTopUpPayment(deps: StoreDeps, topUpId: number, returnUrl: string): Promise<void> {
  const topUp = (await topUpsRepo.find(deps.db, topUpId))!;
  await create(deps, {
    ref: `top-up-${topUpId}-${topUp.created_at.getTime().toString(36)}`,
    amount: topUp.amount,
    name: `${topUp.amount} points`,
    returnUrl,
    userId: Number(topUp.user_id),
    orderId: null,
    topUpId,
  });
}

async function create(
  deps: StoreDeps,
  p: {
    ref: string;
    amount: number;
    name: string;
    returnUrl: string;
    userId: number;
    orderId: number | null;
    topUpId: number | null;
  },
): Promise<void> {
  const provider = deps.provider;
  if (!provider) throw Errors.cardPaymentsDisabled();
  let created: { paymentKey: string; checkoutUrl: string };
  try {
    created = await provider.create({
      orderId: p.ref,
      amount: p.amount,
      orderName: p.name,
      successUrl: p.returnUrl,
      failUrl: p.returnUrl,
      idempotencyKey: p.ref,
    });
  } catch (err) {
    if (err instanceof ProviderUnavailableError) {
      deps.logger.warn({ err, ref: p.ref }, 'payment not started: the provider did not answer');
      throw Errors.paymentProviderUnavailable();
    }
    throw err;
  }
  await paymentsRepo.insert(deps.db, {
    key: created.paymentKey,
    provider: provider.name,
    orderId: p.orderId,
    topUpId: p.topUpId,
    userId: p.userId,
    amount: p.amount,
    checkoutUrl: created.checkoutUrl,
  });
}
