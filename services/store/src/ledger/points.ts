import type { PointsHistory, TopUp } from '@chat/contracts';
import { Errors, keysetPage } from '@chat/platform';
import { requestHash } from '../orders/idempotency.ts';
import { toPaymentStart } from '../orders/order.presenter.ts';
import { paymentsRepo, topUpsRepo } from '../orders/orders.repository.ts';
import { startTopUpPayment } from '../orders/start-payment.ts';
import type { StoreDeps } from '../store-deps.ts';
import { Accounts, balanceOf, historyOf, post } from './ledger.ts';

/** An administrator grants points: from `system:grants`, once per Idempotency-Key. */
export async function grantPoints(
  deps: StoreDeps,
  adminId: number,
  key: string,
  body: { userId: number; amount: number; reason: string },
): Promise<{ balance: number }> {
  const user = await deps.users.getUser(body.userId);
  if (!user) throw Errors.userNotFound(body.userId);
  await deps.db.transaction((tx) =>
    post(tx, {
      kind: 'GRANT',
      reference: `grant:${adminId}:${key}`,
      orderId: null,
      reason: body.reason,
      actor: `admin:${adminId}`,
      from: Accounts.grants,
      to: Accounts.user(body.userId),
      amount: body.amount,
      requestHash: requestHash([body.userId, body.amount, body.reason]),
    }),
  );
  return { balance: await balanceOf(deps.db, Accounts.user(body.userId)) };
}

export async function pointsHistory(
  deps: StoreDeps,
  userId: number,
  cursor: number | null,
  size: number,
): Promise<PointsHistory> {
  const account = Accounts.user(userId);
  const rows = await historyOf(deps.db, account, cursor, size + 1);
  const { page, nextCursor } = keysetPage(rows, size);
  return {
    balance: await balanceOf(deps.db, account),
    entries: page.map((r) => ({
      id: Number(r.id),
      amount: Number(r.amount),
      kind: r.kind,
      reason: r.reason,
      orderId: r.order_id === null ? null : Number(r.order_id),
      at: r.created_at.toISOString(),
    })),
    nextCursor,
  };
}

/** A card top-up: a payment of `amount` at the provider, the points added once it is captured. */
export async function startTopUp(
  deps: StoreDeps,
  userId: number,
  key: string,
  amount: number,
  returnUrl: (topUpId: number) => string,
): Promise<{ topUp: TopUp; created: boolean }> {
  if (!deps.provider) throw Errors.cardPaymentsDisabled();
  const hash = requestHash([amount]);
  let created = false;
  let id = await topUpsRepo.insert(deps.db, userId, amount, key, hash);
  if (id === undefined) {
    const seen = await topUpsRepo.idByKey(deps.db, userId, key);
    if (!seen) throw new Error('a top-up conflicted on its key but is not there');
    if (seen.request_hash !== hash) throw Errors.idempotencyKeyReused();
    id = seen.id;
  } else {
    created = true;
  }
  const topUpId = Number(id);
  if (!(await paymentsRepo.ofTopUp(deps.db, topUpId)))
    await startTopUpPayment(deps, topUpId, returnUrl(topUpId));
  return { topUp: await loadTopUp(deps, userId, topUpId), created };
}

export async function loadTopUp(deps: StoreDeps, userId: number, topUpId: number): Promise<TopUp> {
  const topUp = await topUpsRepo.find(deps.db, topUpId);
  if (!topUp || Number(topUp.user_id) !== userId) throw Errors.notFound(`Top-up ${topUpId}`);
  const payment = await paymentsRepo.ofTopUp(deps.db, topUpId);
  return {
    id: topUpId,
    amount: topUp.amount,
    status: topUp.status,
    payment: toPaymentStart(payment!),
  };
}
