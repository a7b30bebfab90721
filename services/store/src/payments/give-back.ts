import { paymentsRepo } from '../orders/orders.repository.ts';
import type { StoreDeps } from '../store-deps.ts';

/**
 * Refunds a captured payment at the provider and marks it CANCELLED. Idempotent (the
 * provider's cancel is): callers may repeat it until it succeeds.
 */
export async function giveBackAtProvider(deps: StoreDeps, paymentKey: string, reason: string): Promise<void> {
  if (!deps.provider) throw new Error(`cannot refund payment ${paymentKey}: card payments are off`);
  await deps.provider.cancel(paymentKey, reason);
  await deps.db.transaction(async (tx) => {
    if (await paymentsRepo.lockByKey(tx, paymentKey)) {
      await paymentsRepo.move(tx, paymentKey, 'CONFIRMED', 'CANCELLED', 0);
    }
  });
}
