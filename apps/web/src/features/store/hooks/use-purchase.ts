// A purchase in progress: the order request (its Idempotency-Key kept for a retry while the
// outcome is unknown), the card checkout redirect, and the short wait for fulfilment.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../../lib/http.ts';
import type { Order } from '../../../lib/wire.ts';
import {
  followOrder,
  intentFor,
  mayHaveOrdered,
  type PurchaseIntent,
  type PurchaseRequest,
} from '../state/purchase.ts';
import { type StoreRefusalKey, storeRefusalKey } from '../state/refusals.ts';
import { useStore } from './use-store.ts';

export type PurchaseView =
  | { step: 'form' }
  | { step: 'paying' }
  | { step: 'redirect' }
  /** Paid, the pack on its way; `gaveUp`: still not there after the polls (the order page follows it). */
  | { step: 'preparing'; order: Order; gaveUp: boolean }
  | { step: 'done'; order: Order }
  /** `reason`: why, as a message key (never the server's English); null: no answer came (a network failure). */
  | { step: 'failed'; reason: StoreRefusalKey | null };

export function usePurchase(redirect: (url: string) => void = (url) => location.assign(url)) {
  const store = useStore();
  const [view, setView] = useState<PurchaseView>({ step: 'form' });
  /** The intent whose outcome is unknown: the same purchase again reuses it. */
  const last = useRef<PurchaseIntent | null>(null);
  const busy = useRef(false);
  const live = useRef(true);
  useEffect(
    () => () => {
      live.current = false;
    },
    [],
  );

  const buy = async (request: PurchaseRequest) => {
    if (busy.current) return; // a double click: the first is on its way
    busy.current = true;
    const intent = intentFor(last.current, request);
    last.current = intent;
    setView({ step: 'paying' });
    try {
      const order = await store.order(intent);
      last.current = null; // the order exists: another purchase is another order
      if (order.status === 'CREATED' && order.payment) {
        setView({ step: 'redirect' });
        redirect(order.payment.checkoutUrl);
        return;
      }
      const settled = await followOrder(store.getOrder, order, (o) => {
        if (live.current) setView({ step: 'preparing', order: o, gaveUp: false });
        return live.current;
      });
      if (!live.current) return;
      setView(
        settled.status === 'PAID'
          ? { step: 'preparing', order: settled, gaveUp: true }
          : { step: 'done', order: settled },
      );
    } catch (e) {
      const status = e instanceof ApiError ? e.status : 0;
      if (!mayHaveOrdered(status)) last.current = null;
      if (live.current)
        setView({ step: 'failed', reason: e instanceof ApiError ? storeRefusalKey(e) : null });
    } finally {
      busy.current = false;
    }
  };

  return { view, buy, reset: () => setView({ step: 'form' }) };
}
