// An order: where it is, its history, and what I may do with it (cancel, refund, decline). A card
// payment comes back here from the provider: an authorised one is confirmed once (the query is
// dropped from the address so a reload does not confirm again), a failed one says why.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useServices } from '../../../app/services.ts';
import { EmoticonImage } from '../../../components/emoticon-image.tsx';
import { useI18n } from '../../../i18n/i18n.ts';
import type { Order } from '../../../lib/wire.ts';
import { useNickname, useStore } from '../hooks/use-store.ts';
import { pointsLabel } from '../state/catalog.ts';
import { canCancel, canDecline, canRefund, checkoutReturn, sideOf } from '../state/orders.ts';
import { followOrder } from '../state/purchase.ts';
import { ConfirmAction } from './confirm-action.tsx';
import { OrderHistory } from './order-history.tsx';
import { StatusBadge } from './status-badge.tsx';

export function OrderPage({ id, onOpenItem }: { id: number; onOpenItem(id: number): void }) {
  const { t, lang } = useI18n();
  const { me } = useServices();
  const store = useStore();
  const [order, setOrder] = useState<Order | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const live = useRef(true);

  useEffect(() => {
    live.current = true;
    const back = checkoutReturn(location.search);
    if (back) history.replaceState(history.state, '', location.pathname);
    const follow = (o: Order) =>
      followOrder(store.getOrder, o, (seen) => {
        if (live.current) setOrder(seen);
        return live.current;
      }).then((o) => live.current && setOrder(o));
    const start = async () => {
      if (back?.kind === 'authorised') {
        setConfirming(true);
        try {
          await follow(await store.confirm(id, back.paymentKey));
        } catch (e) {
          if (live.current) setError((e as Error).message);
          const o = await store.getOrder(id).catch(() => null);
          if (o && live.current) setOrder(o);
        } finally {
          if (live.current) setConfirming(false);
        }
        return;
      }
      if (back?.kind === 'failed') {
        setError(t('storePaymentFailed').replace('{message}', back.message || back.code));
      }
      try {
        await follow(await store.getOrder(id));
      } catch (e) {
        if (live.current) setError((e as Error).message);
      }
    };
    void start();
    return () => {
      live.current = false;
    };
  }, [store, id]);

  const other = order ? (order.buyerId === me.userId ? order.recipientId : order.buyerId) : null;
  const otherName = useNickname(other);

  if (!order) {
    return (
      <div class="store-order">
        {confirming ? (
          <p class="purchase-status" role="status">
            <progress aria-label={t('storeConfirming')} />
            {t('storeConfirming')}
          </p>
        ) : null}
        {error ? (
          <p class="field-error" role="alert">
            {error}
          </p>
        ) : confirming ? null : (
          <p class="empty">…</p>
        )}
      </div>
    );
  }

  const side = sideOf(order, me.userId);
  const act = (f: () => Promise<Order>, done: string) => async () => {
    const o = await f();
    setOrder(o);
    setError(null);
    setNotice(done);
  };
  const refundable = canRefund(order, me.userId, Date.now());

  return (
    <article class="store-order" aria-labelledby="store-order-title">
      <header class="store-item-head">
        <EmoticonImage imageUrl={order.item.cover.imageUrl} alt={order.item.cover.alt} size="lg" />
        <div class="store-item-info">
          <h3 id="store-order-title">{t('storeOrder').replace('{id}', String(order.id))}</h3>
          <p>
            <a
              href={`/store/items/${order.item.id}`}
              onClick={(e) => {
                e.preventDefault();
                onOpenItem(order.item.id);
              }}
            >
              {order.item.title}
            </a>
          </p>
          <p class="store-item-price">
            <StatusBadge status={order.status} />
            <span>
              {pointsLabel(order.price, lang)} · {order.method === 'CARD' ? t('storeCard') : t('storePoints')}
            </span>
          </p>
        </div>
      </header>
      {confirming ? (
        <p class="purchase-status" role="status">
          <progress aria-label={t('storeConfirming')} />
          {t('storeConfirming')}
        </p>
      ) : order.status === 'PAID' ? (
        <p class="purchase-status" role="status">
          <progress aria-label={t('storePreparing')} />
          {t('storePreparing')}
        </p>
      ) : null}
      {error ? (
        <p class="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {notice ? (
        <p class="field-hint" role="status">
          {notice}
        </p>
      ) : null}
      <dl class="purchase-sums">
        {side !== 'bought' ? (
          <>
            <dt>{side === 'gave' ? t('storeGiftTo') : t('storeGiftFromLabel')}</dt>
            <dd>{otherName ?? '…'}</dd>
          </>
        ) : null}
        {order.giftMessage ? (
          <>
            <dt>{t('storeGiftMessage')}</dt>
            <dd class="gift-message">{order.giftMessage}</dd>
          </>
        ) : null}
        {refundable && order.refundableUntil ? (
          <>
            <dt>{t('storeRefund')}</dt>
            <dd>
              {t('storeRefundUntil').replace('{date}', new Date(order.refundableUntil).toLocaleString(lang))}
            </dd>
          </>
        ) : null}
      </dl>
      <div class="store-item-actions">
        {canCancel(order, me.userId) && order.payment ? (
          <a class="button primary" href={order.payment.checkoutUrl}>
            {t('storeContinuePayment')}
          </a>
        ) : null}
        {canCancel(order, me.userId) ? (
          <ConfirmAction
            label={t('storeCancelOrder')}
            question={t('storeCancelConfirm')}
            onConfirm={act(() => store.cancel(order.id), t('storeCancelled'))}
          />
        ) : null}
        {refundable ? (
          <ConfirmAction
            label={t('storeRefund')}
            question={t('storeRefundConfirm')}
            onConfirm={act(() => store.refund(order.id), t('storeRefunded'))}
          />
        ) : null}
        {canDecline(order, me.userId) ? (
          <ConfirmAction
            label={t('storeDecline')}
            question={t('storeDeclineConfirm')}
            onConfirm={act(() => store.decline(order.id), t('storeDeclined'))}
          />
        ) : null}
      </div>
      <OrderHistory transitions={order.transitions} />
    </article>
  );
}
