// A top-up in progress: the request (its Idempotency-Key kept for a retry while the outcome is
// unknown), the card checkout redirect, and on the way back (`/store/points?topUp=...`) the
// confirmation, once: the query leaves the address so a reload does not confirm again.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../../lib/http.ts';
import { uuid } from '../../../utils/uuid.ts';
import { mayHaveOrdered } from '../state/purchase.ts';
import { type TopUpIntent, topUpIntentFor, topUpReturn } from '../state/top-up.ts';
import { useStore } from './use-store.ts';

export type TopUpView =
  | { step: 'form' }
  | { step: 'starting' }
  | { step: 'redirect' }
  | { step: 'confirming' }
  | { step: 'done'; amount: number }
  /**
   * Nothing was charged. `message`: why, in the server's or the provider's words; '' when there
   * is nothing more to say; null when no answer came.
   */
  | { step: 'failed'; message: string | null }
  /** The confirmation got no answer: the provider may have the money; checking again is safe. */
  | { step: 'unknown'; topUpId: number; paymentKey: string };

const messageOf = (e: unknown) => (e instanceof ApiError ? e.message : null);
const statusOf = (e: unknown) => (e instanceof ApiError ? e.status : 0);

/** `settled`: called when the balance may have changed (reload it and the history). */
export function useTopUp(
  settled: () => void,
  redirect: (url: string) => void = (url) => location.assign(url),
) {
  const store = useStore();
  const [view, setView] = useState<TopUpView>({ step: 'form' });
  const last = useRef<TopUpIntent | null>(null);
  const busy = useRef(false);
  const live = useRef(true);
  const show = (v: TopUpView) => live.current && setView(v);

  const confirm = async (topUpId: number, paymentKey: string) => {
    if (busy.current) return;
    busy.current = true;
    show({ step: 'confirming' });
    try {
      const topUp = await store.confirmTopUp(topUpId, paymentKey);
      if (topUp.status === 'COMPLETED') show({ step: 'done', amount: topUp.amount });
      else if (topUp.status === 'PENDING') show({ step: 'unknown', topUpId, paymentKey });
      else show({ step: 'failed', message: '' });
    } catch (e) {
      show(
        mayHaveOrdered(statusOf(e))
          ? { step: 'unknown', topUpId, paymentKey }
          : { step: 'failed', message: messageOf(e) },
      );
    } finally {
      busy.current = false;
      if (live.current) settled();
    }
  };

  useEffect(() => {
    live.current = true;
    const back = topUpReturn(location.search);
    if (back) {
      history.replaceState(history.state, '', location.pathname);
      if (back.result.kind === 'failed') {
        setView({ step: 'failed', message: back.result.message || back.result.code });
      } else {
        void confirm(back.topUpId, back.result.paymentKey);
      }
    }
    return () => {
      live.current = false;
    };
  }, [store]);

  const start = async (amount: number) => {
    if (busy.current) return; // a double press: the first is on its way
    busy.current = true;
    const intent = topUpIntentFor(last.current, amount, uuid);
    last.current = intent;
    show({ step: 'starting' });
    try {
      const topUp = await store.topUp(intent);
      last.current = null; // the top-up exists: another one is another top-up
      if (topUp.status === 'PENDING' && topUp.payment.status === 'READY') {
        show({ step: 'redirect' });
        redirect(topUp.payment.checkoutUrl);
        return;
      }
      show(
        topUp.status === 'COMPLETED'
          ? { step: 'done', amount: topUp.amount }
          : { step: 'failed', message: '' },
      );
    } catch (e) {
      if (!mayHaveOrdered(statusOf(e))) last.current = null;
      show({ step: 'failed', message: messageOf(e) });
    } finally {
      busy.current = false;
    }
  };

  return {
    view,
    start,
    checkAgain: () => {
      if (view.step === 'unknown') void confirm(view.topUpId, view.paymentKey);
    },
  };
}
