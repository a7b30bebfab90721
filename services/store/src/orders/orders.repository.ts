import type { OrderStatus, PaymentMethod } from '@chat/contracts';
import type { SqlExecutor } from '@chat/platform';
import { INVENTORY_SQL } from '../inventory/inventory.queries.ts';
import { ORDERS_SQL, PAYMENTS_SQL, TOP_UPS_SQL } from './orders.queries.ts';

export interface OrderRow {
  id: number;
  buyer_id: number;
  recipient_id: number | null;
  gift_message: string | null;
  item_id: number;
  price: number;
  method: PaymentMethod;
  status: OrderStatus;
  request_hash: string;
  created_at: Date;
  paid_at: Date | null;
  fulfilled_at: Date | null;
  closed_at: Date | null;
  item_title: string;
  item_cover_alt: string;
}

export interface TransitionRow {
  order_id: number;
  from_status: OrderStatus | null;
  to_status: OrderStatus;
  actor: string;
  reason: string;
  at: Date;
}

export type PaymentStatus = 'READY' | 'CONFIRMED' | 'FAILED' | 'CANCELLED';

export interface PaymentRow {
  order_id: number | null;
  payment_key: string;
  amount: number;
  status: PaymentStatus;
  checkout_url: string;
}

export interface LockedPayment {
  id: number;
  payment_key: string;
  order_id: number | null;
  top_up_id: number | null;
  user_id: number;
  amount: number;
  status: PaymentStatus;
  provider_version: number;
}

/** Queries of orders, payments, top-ups and holdings, on the executor given (a transaction or the pool). */
export const ordersRepo = {
  async insert(
    tx: SqlExecutor,
    o: {
      buyerId: number;
      recipientId: number | null;
      giftMessage: string | null;
      itemId: number;
      price: number;
      method: PaymentMethod;
      key: string;
      hash: string;
    },
  ): Promise<number | undefined> {
    const { rows } = await tx.query<{ id: number }>(ORDERS_SQL.insert, [
      o.buyerId,
      o.recipientId,
      o.giftMessage,
      o.itemId,
      o.price,
      o.method,
      o.key,
      o.hash,
    ]);
    return rows[0]?.id;
  },
  async idByKey(tx: SqlExecutor, buyerId: number, key: string) {
    return (await tx.query<{ id: number; request_hash: string }>(ORDERS_SQL.idByKey, [buyerId, key])).rows[0];
  },
  async find(tx: SqlExecutor, id: number): Promise<OrderRow | undefined> {
    return (await tx.query<OrderRow>(ORDERS_SQL.find, [id])).rows[0];
  },
  async lock(tx: SqlExecutor, id: number): Promise<OrderStatus | undefined> {
    return (await tx.query<{ status: OrderStatus }>(ORDERS_SQL.lock, [id])).rows[0]?.status;
  },
  /** Moves the order from `from` to `to` and records who and why; false when it was not in `from`. */
  async move(
    tx: SqlExecutor,
    id: number,
    from: OrderStatus | null,
    to: OrderStatus,
    actor: string,
    reason: string,
  ): Promise<boolean> {
    if (from !== null) {
      const { rows } = await tx.query(ORDERS_SQL.move, [id, from, to]);
      if (rows.length === 0) return false;
    }
    await tx.query(ORDERS_SQL.insertTransition, [id, from, to, actor, reason]);
    return true;
  },
  async transitions(tx: SqlExecutor, ids: readonly number[]): Promise<TransitionRow[]> {
    return (await tx.query<TransitionRow>(ORDERS_SQL.transitions, [ids])).rows;
  },
  async pageOf(tx: SqlExecutor, userId: number, cursor: number | null, limit: number): Promise<OrderRow[]> {
    return (await tx.query<OrderRow>(ORDERS_SQL.pageOf, [userId, cursor, limit])).rows;
  },
  async sales(tx: SqlExecutor, from: string | null, to: string | null) {
    return (
      await tx.query<{
        item_id: number;
        title: string;
        orders: number;
        gifts: number;
        refunds: number;
        revenue: number;
      }>(ORDERS_SQL.sales, [from, to])
    ).rows;
  },
};

export const paymentsRepo = {
  async insert(
    tx: SqlExecutor,
    p: {
      key: string;
      provider: string;
      orderId: number | null;
      topUpId: number | null;
      userId: number;
      amount: number;
      checkoutUrl: string;
    },
  ): Promise<void> {
    await tx.query(PAYMENTS_SQL.insert, [
      p.key,
      p.provider,
      p.orderId,
      p.topUpId,
      p.userId,
      p.amount,
      p.checkoutUrl,
    ]);
  },
  async ofOrders(tx: SqlExecutor, ids: readonly number[]): Promise<PaymentRow[]> {
    return (await tx.query<PaymentRow>(PAYMENTS_SQL.ofOrders, [ids])).rows;
  },
  async ofTopUp(tx: SqlExecutor, id: number): Promise<PaymentRow | undefined> {
    return (await tx.query<PaymentRow>(PAYMENTS_SQL.ofTopUp, [id])).rows[0];
  },
  async lockByKey(tx: SqlExecutor, key: string): Promise<LockedPayment | undefined> {
    return (await tx.query<LockedPayment>(PAYMENTS_SQL.lockByKey, [key])).rows[0];
  },
  async move(tx: SqlExecutor, key: string, from: PaymentStatus, to: PaymentStatus, version: number) {
    return (await tx.query(PAYMENTS_SQL.move, [key, from, to, version])).rows.length > 0;
  },
  async seenVersion(tx: SqlExecutor, key: string, version: number): Promise<void> {
    await tx.query(PAYMENTS_SQL.seenVersion, [key, version]);
  },
  /** False when the webhook event was seen before. */
  async recordWebhook(tx: SqlExecutor, eventId: string, key: string, type: string): Promise<boolean> {
    return (await tx.query(PAYMENTS_SQL.recordWebhook, [eventId, key, type])).rows.length > 0;
  },
};

export const topUpsRepo = {
  async insert(tx: SqlExecutor, userId: number, amount: number, key: string, hash: string) {
    return (await tx.query<{ id: number }>(TOP_UPS_SQL.insert, [userId, amount, key, hash])).rows[0]?.id;
  },
  async idByKey(tx: SqlExecutor, userId: number, key: string) {
    return (await tx.query<{ id: number; request_hash: string }>(TOP_UPS_SQL.idByKey, [userId, key])).rows[0];
  },
  async find(tx: SqlExecutor, id: number) {
    return (
      await tx.query<{
        id: number;
        user_id: number;
        amount: number;
        status: 'PENDING' | 'COMPLETED' | 'FAILED' | 'REVERSED';
        created_at: Date;
      }>(TOP_UPS_SQL.find, [id])
    ).rows[0];
  },
  async move(tx: SqlExecutor, id: number, from: string, to: string): Promise<boolean> {
    return (await tx.query(TOP_UPS_SQL.move, [id, from, to])).rows.length > 0;
  },
};

export interface HoldingRow {
  item_id: number;
  order_id: number;
  gift_from: number | null;
  acquired_at: Date;
  used_at: Date | null;
  title: string;
  artist: string;
  emoticons: { alt: string }[];
}

export const inventoryRepo = {
  /** The new holding's version, or undefined when the user holds the pack already. */
  async grant(tx: SqlExecutor, userId: number, itemId: number, orderId: number, giftFrom: number | null) {
    const { rows } = await tx.query<{ version: number }>(INVENTORY_SQL.grant, [
      userId,
      itemId,
      orderId,
      giftFrom,
    ]);
    return rows[0]?.version;
  },
  async heldByOrder(tx: SqlExecutor, orderId: number) {
    return (
      await tx.query<{ user_id: number; item_id: number; used_at: Date | null; version: number }>(
        INVENTORY_SQL.heldByOrder,
        [orderId],
      )
    ).rows[0];
  },
  async held(tx: SqlExecutor, userId: number, itemId: number): Promise<boolean> {
    return (await tx.query(INVENTORY_SQL.held, [userId, itemId])).rows.length > 0;
  },
  async revoke(tx: SqlExecutor, userId: number, itemId: number): Promise<number | undefined> {
    return (await tx.query<{ version: number }>(INVENTORY_SQL.revoke, [userId, itemId])).rows[0]?.version;
  },
  async markUsed(tx: SqlExecutor, userId: number, itemId: number, usedAt: number): Promise<void> {
    await tx.query(INVENTORY_SQL.markUsed, [userId, itemId, usedAt]);
  },
  async ofUser(tx: SqlExecutor, userId: number): Promise<HoldingRow[]> {
    return (await tx.query<HoldingRow>(INVENTORY_SQL.ofUser, [userId])).rows;
  },
};
