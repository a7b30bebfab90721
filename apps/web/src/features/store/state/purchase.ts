// A purchase from the shop as plain data: what the user asked for (with the Idempotency-Key that
// makes a retry or a double click the same order), what stands in its way, and where the order
// is. Framework-free, unit-tested; the item page and the order page only render it.
import type { Order, PaymentMethod, StoreItem } from '../../../lib/wire.ts';
import { uuid } from '../../../utils/uuid.ts';

/** What one purchase asks the server for; `key` goes as the `Idempotency-Key` header. */
export interface PurchaseIntent {
  readonly itemId: number;
  readonly method: PaymentMethod;
  /** A gift's receiver; undefined when buying for oneself. */
  readonly giftTo?: number | undefined;
  readonly giftMessage?: string | undefined;
  readonly key: string;
}

export type PurchaseRequest = Omit<PurchaseIntent, 'key'>;

const sameRequest = (a: PurchaseRequest, b: PurchaseRequest) =>
  a.itemId === b.itemId &&
  a.method === b.method &&
  (a.giftTo ?? null) === (b.giftTo ?? null) &&
  (a.giftMessage ?? '') === (b.giftMessage ?? '');

/**
 * The intent to send: the unfinished one again (its key unchanged) when the user retries the same
 * purchase after a failure or clicks twice, so the server replays the first order instead of
 * making a second; a fresh key for anything else, or once the last one got its order.
 */
export function intentFor(
  last: PurchaseIntent | null,
  request: PurchaseRequest,
  newKey: () => string = uuid,
): PurchaseIntent {
  if (last && sameRequest(last, request)) return last;
  const giftMessage = request.giftMessage?.trim();
  return {
    itemId: request.itemId,
    method: request.method,
    ...(request.giftTo === undefined ? {} : { giftTo: request.giftTo }),
    ...(giftMessage ? { giftMessage } : {}),
    key: newKey(),
  };
}

/** The `POST /api/store/orders` body of an intent. */
export function orderBody(intent: PurchaseIntent) {
  return {
    itemId: intent.itemId,
    method: intent.method,
    ...(intent.giftTo === undefined ? {} : { giftTo: intent.giftTo }),
    ...(intent.giftMessage ? { giftMessage: intent.giftMessage } : {}),
  };
}

/** Why a purchase cannot go ahead as asked (shown in the confirm dialog), or null. */
export type Blocker =
  | { kind: 'notOnSale' }
  | { kind: 'owned' }
  | { kind: 'insufficient'; balance: number; missing: number };

export function blockerOf(
  item: Pick<StoreItem, 'onSale' | 'owned' | 'price'>,
  method: PaymentMethod,
  gift: boolean,
  balance: number | null,
): Blocker | null {
  if (!item.onSale) return { kind: 'notOnSale' };
  // A pack I hold can still be given to someone else.
  if (item.owned && !gift) return { kind: 'owned' };
  if (method === 'POINTS' && balance !== null && balance < item.price) {
    return { kind: 'insufficient', balance, missing: item.price - balance };
  }
  return null;
}

/** Where an order is, from the buyer's side. */
export type OrderPhase = 'awaitingPayment' | 'preparing' | 'done' | 'cancelled' | 'refunded';

export function phaseOf(order: Pick<Order, 'status'>): OrderPhase {
  switch (order.status) {
    case 'CREATED':
      return 'awaitingPayment';
    case 'PAID':
      return 'preparing';
    case 'FULFILLED':
      return 'done';
    case 'CANCELLED':
      return 'cancelled';
    case 'REFUNDED':
      return 'refunded';
  }
}

/** A paid order is fulfilled asynchronously: how often and how long the page asks again. */
export const POLL_DELAYS_MS = [250, 500, 750, 1000, 1000, 1500, 2000, 2000, 3000, 3000, 5000, 5000];

/** The wait before the `attempt`-th look (from 0) at a paid order, or null: stop asking. */
export function nextPoll(order: Pick<Order, 'status'>, attempt: number): number | null {
  if (order.status !== 'PAID') return null;
  return POLL_DELAYS_MS[attempt] ?? null;
}

/**
 * After a failed try: whether the order may exist all the same (no answer, a timeout, the server
 * failing or busy), so a retry must reuse the key; after a definite refusal (not enough points,
 * already held) no order was made and the next try gets a new key.
 */
export function mayHaveOrdered(status: number): boolean {
  return status === 0 || status === 408 || status === 429 || status >= 500;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Follows a paid order until it is fulfilled (or the polls run out); reports each state seen. */
export async function followOrder(
  get: (id: number) => Promise<Order>,
  order: Order,
  seen: (o: Order, attempt: number) => boolean,
  wait: (ms: number) => Promise<unknown> = sleep,
): Promise<Order> {
  let o = order;
  for (let i = 0; ; i++) {
    const ms = nextPoll(o, i);
    if (ms === null || !seen(o, i)) return o;
    await wait(ms);
    o = await get(o.id).catch(() => o);
  }
}
