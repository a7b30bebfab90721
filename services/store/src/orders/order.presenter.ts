import type { Order, OrderTransition, PaymentStart } from '@chat/contracts';
import { emoticonImageUrl } from '../items/item.presenter.ts';
import type { OrderRow, PaymentRow, TransitionRow } from './orders.repository.ts';

export function toPaymentStart(p: PaymentRow): PaymentStart {
  return { paymentKey: p.payment_key, checkoutUrl: p.checkout_url, amount: p.amount, status: p.status };
}

export function toOrder(
  row: OrderRow,
  transitions: readonly TransitionRow[],
  payment: PaymentRow | undefined,
  refundWindowMs: number,
): Order {
  const id = Number(row.id);
  const refundableUntil =
    row.status === 'FULFILLED' && row.paid_at ? new Date(row.paid_at.getTime() + refundWindowMs) : null;
  return {
    id,
    status: row.status,
    buyerId: Number(row.buyer_id),
    recipientId: row.recipient_id === null ? null : Number(row.recipient_id),
    giftMessage: row.gift_message,
    item: {
      id: Number(row.item_id),
      title: row.item_title,
      cover: { index: 0, alt: row.item_cover_alt, imageUrl: emoticonImageUrl(Number(row.item_id), 0) },
    },
    price: row.price,
    method: row.method,
    payment: payment ? toPaymentStart(payment) : null,
    createdAt: row.created_at.toISOString(),
    refundableUntil:
      refundableUntil && refundableUntil.getTime() > Date.now() ? refundableUntil.toISOString() : null,
    transitions: transitions
      .filter((t) => Number(t.order_id) === id)
      .map(
        (t): OrderTransition => ({
          from: t.from_status,
          to: t.to_status,
          actor: t.actor,
          reason: t.reason,
          at: t.at.toISOString(),
        }),
      ),
  };
}
