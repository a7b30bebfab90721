// What a user may do with an order or a pack they hold, and what a card payment's return to
// the shop says. Framework-free, unit-tested.
import type { Order, OwnedPack } from '../../../lib/wire.ts';

/** The buyer may refund a fulfilled order of theirs until `refundableUntil`, if the pack is unused. */
export function canRefund(
  order: Pick<Order, 'status' | 'buyerId' | 'refundableUntil'>,
  me: number,
  now: number,
  pack?: Pick<OwnedPack, 'usedAt'> | undefined,
): boolean {
  if (order.buyerId !== me || order.status !== 'FULFILLED' || !order.refundableUntil) return false;
  if (pack?.usedAt) return false;
  return Date.parse(order.refundableUntil) > now;
}

/** A gift's receiver may decline it (the giver gets the points back) while they hold it. */
export function canDecline(order: Pick<Order, 'status' | 'recipientId'>, me: number): boolean {
  return order.recipientId === me && order.status === 'FULFILLED';
}

/** A card order waiting for its payment may be cancelled by its buyer. */
export function canCancel(order: Pick<Order, 'status' | 'buyerId'>, me: number): boolean {
  return order.buyerId === me && order.status === 'CREATED';
}

/** How a pack came to me: bought, or a gift (received). */
export const isGiftReceived = (pack: Pick<OwnedPack, 'giftFrom'>) => pack.giftFrom !== null;

/** Which side of an order I am on, for the orders list. */
export function sideOf(
  order: Pick<Order, 'buyerId' | 'recipientId'>,
  me: number,
): 'bought' | 'gave' | 'received' {
  if (order.buyerId === me) return order.recipientId === null ? 'bought' : 'gave';
  return 'received';
}

/**
 * The query a card payment comes back with (`/store/orders/{id}`, `/store/points?topUp={id}`):
 * the provider authorised it (`paymentKey`, `orderId`, `amount`: the page confirms it), or it
 * failed (`code`, `message`; a decline carries its `paymentKey` too, so `code` decides).
 */
export type CheckoutReturn =
  | { kind: 'authorised'; paymentKey: string; amount: number | null }
  | { kind: 'failed'; code: string; message: string }
  | null;

export function checkoutReturn(search: string): CheckoutReturn {
  const q = new URLSearchParams(search);
  const code = q.get('code');
  if (code) return { kind: 'failed', code, message: q.get('message') ?? '' };
  const paymentKey = q.get('paymentKey');
  if (paymentKey) {
    const amount = Number(q.get('amount'));
    return {
      kind: 'authorised',
      paymentKey,
      amount: Number.isFinite(amount) && q.has('amount') ? amount : null,
    };
  }
  return null;
}

/** The points a ledger entry moved, signed for display: "+1,000" / "−500". */
export function signedPoints(amount: number, locale: string): string {
  const n = Math.abs(amount).toLocaleString(locale);
  return amount > 0 ? `+${n}` : amount < 0 ? `−${n}` : n;
}

/** Who moved an order (`user:{id}`, `admin:{id}`, `system`, `provider`), as the history says it. */
export function actorOf(
  actor: string,
  me: number,
): { kind: 'me' | 'user' | 'admin' | 'system' | 'provider' | 'other'; id: number | null } {
  const m = /^(user|admin):(\d+)$/.exec(actor);
  if (m) {
    const id = Number(m[2]);
    return { kind: m[1] === 'admin' ? 'admin' : id === me ? 'me' : 'user', id };
  }
  if (actor === 'system' || actor === 'provider') return { kind: actor, id: null };
  return { kind: 'other', id: null };
}
