import type { Order } from '@chat/contracts';
import { Errors, type SqlExecutor } from '@chat/platform';
import type { StoreDeps } from '../store-deps.ts';
import { toOrder } from './order.presenter.ts';
import { ordersRepo, paymentsRepo } from './orders.repository.ts';

/** Orders as the API shows them: with their transitions and payment. */
export async function loadOrders(deps: StoreDeps, db: SqlExecutor, ids: readonly number[]): Promise<Order[]> {
  const rows = (await Promise.all(ids.map((id) => ordersRepo.find(db, id)))).filter((r) => r !== undefined);
  return presentOrders(deps, db, rows);
}

export async function presentOrders(
  deps: StoreDeps,
  db: SqlExecutor,
  rows: readonly Awaited<ReturnType<typeof ordersRepo.find>>[],
): Promise<Order[]> {
  const present = rows.filter((r) => r !== undefined);
  const ids = present.map((r) => Number(r.id));
  if (ids.length === 0) return [];
  const [transitions, payments] = await Promise.all([
    ordersRepo.transitions(db, ids),
    paymentsRepo.ofOrders(db, ids),
  ]);
  return present.map((row) =>
    toOrder(
      row,
      transitions,
      payments.find((p) => Number(p.order_id) === Number(row.id)),
      deps.refundWindowMs,
    ),
  );
}

/** An order the user may see: they bought or received it (admins see every order). */
export async function visibleOrder(
  deps: StoreDeps,
  user: { id: number; admin: boolean },
  id: number,
): Promise<Order> {
  const [order] = await loadOrders(deps, deps.db, [id]);
  if (order && (user.admin || order.buyerId === user.id)) return order;
  // A gift's receiver sees it once delivered, and never its payment.
  if (
    order &&
    order.recipientId === user.id &&
    (order.status === 'FULFILLED' || order.status === 'REFUNDED')
  ) {
    return { ...order, payment: null };
  }
  throw Errors.orderNotFound(id);
}
