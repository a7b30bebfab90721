// My side of the shop: points (balance, a way to top up, history), the packs I hold (refund
// while I may, decline a gift) and my orders, bought and received.
import { useMemo } from 'preact/hooks';
import { useServices } from '../../../app/services.ts';
import { EmoticonImage } from '../../../components/emoticon-image.tsx';
import { useI18n } from '../../../i18n/i18n.ts';
import type { Order, OwnedPack } from '../../../lib/wire.ts';
import { usePoints } from '../hooks/use-points.ts';
import { useLoad, useNickname, useStore } from '../hooks/use-store.ts';
import { pointsLabel } from '../state/catalog.ts';
import { canDecline, canRefund, sideOf } from '../state/orders.ts';
import { Balance } from './balance.tsx';
import { ConfirmAction } from './confirm-action.tsx';
import { PointsHistory } from './points-history.tsx';
import { StatusBadge } from './status-badge.tsx';

interface Props {
  onOpenOrder(id: number): void;
  onOpenItem(id: number): void;
  onOpenShop(): void;
  onOpenTopUp(): void;
}

export function MyStore({ onOpenOrder, onOpenItem, onOpenShop, onOpenTopUp }: Props) {
  const { t } = useI18n();
  const store = useStore();
  const inventory = useLoad(() => store.inventory(), [store]);
  const orders = useLoad(() => store.orders(), [store]);
  const config = useLoad(() => store.config(), [store]);
  const points = usePoints();
  const byId = useMemo(() => new Map((orders.value?.orders ?? []).map((o) => [o.id, o])), [orders.value]);
  const reload = () => {
    inventory.reload();
    orders.reload();
    points.reload();
  };

  return (
    <div class="store-mine">
      <Balance points={points} cardPayments={config.value?.cardPayments ?? false} onTopUp={onOpenTopUp} />

      <section class="store-section" aria-labelledby="store-packs-title">
        <h3 id="store-packs-title">{t('storeMine')}</h3>
        {inventory.error ? (
          <p class="field-error" role="alert">
            {inventory.error}
          </p>
        ) : null}
        {!inventory.value ? null : inventory.value.packs.length === 0 ? (
          <p class="empty">
            {t('storeNoPacks')}{' '}
            <button type="button" class="link" onClick={onOpenShop}>
              {t('storeGoShop')}
            </button>
          </p>
        ) : (
          <ul class="admin-list" aria-label={t('storeMine')}>
            {inventory.value.packs.map((pack) => (
              <PackRow
                key={pack.itemId}
                pack={pack}
                order={byId.get(pack.orderId)}
                onOpenItem={onOpenItem}
                onOpenOrder={onOpenOrder}
                onChanged={reload}
              />
            ))}
          </ul>
        )}
      </section>

      <section class="store-section" aria-labelledby="store-orders-title">
        <h3 id="store-orders-title">{t('storeOrders')}</h3>
        {orders.error ? (
          <p class="field-error" role="alert">
            {orders.error}
          </p>
        ) : null}
        {!orders.value ? null : orders.value.orders.length === 0 ? (
          <p class="empty">{t('storeNoOrders')}</p>
        ) : (
          <ul class="admin-list" aria-label={t('storeOrders')}>
            {orders.value.orders.map((o) => (
              <OrderRow key={o.id} order={o} onOpen={() => onOpenOrder(o.id)} />
            ))}
          </ul>
        )}
      </section>

      <PointsHistory points={points} />
    </div>
  );
}

function PackRow(p: {
  pack: OwnedPack;
  order: Order | undefined;
  onOpenItem(id: number): void;
  onOpenOrder(id: number): void;
  onChanged(): void;
}) {
  const { t, lang } = useI18n();
  const { me } = useServices();
  const store = useStore();
  const { pack, order } = p;
  const giver = useNickname(pack.giftFrom);
  const refundable = order ? canRefund(order, me.userId, Date.now(), pack) : false;
  const declinable = pack.giftFrom !== null && (!order || canDecline(order, me.userId));
  const first = pack.emoticons[0];
  return (
    <li class="admin-item pack" data-testid="owned-pack">
      {first ? <EmoticonImage imageUrl={first.imageUrl} alt={first.alt} size="sm" /> : null}
      <span class="admin-item-main">
        <a
          class="admin-item-title"
          href={`/store/items/${pack.itemId}`}
          onClick={(e) => {
            e.preventDefault();
            p.onOpenItem(pack.itemId);
          }}
        >
          {pack.title}
        </a>
        <span class="session-time">
          {pack.artist} · {new Date(pack.acquiredAt).toLocaleDateString(lang === 'ko' ? 'ko-KR' : 'en-US')}
          {pack.giftFrom !== null ? ` · ${t('storeGiftFromName').replace('{name}', giver ?? '…')}` : ''}
          {pack.usedAt ? ` · ${t('storeUsed')}` : ''}
        </span>
      </span>
      <span class="admin-actions">
        <button type="button" class="link" onClick={() => p.onOpenOrder(pack.orderId)}>
          {t('storeViewOrder')}
        </button>
        {refundable ? (
          <ConfirmAction
            label={t('storeRefund')}
            buttonLabel={`${t('storeRefund')}: ${pack.title}`}
            question={t('storeRefundConfirm')}
            onConfirm={() => store.refund(pack.orderId).then(p.onChanged)}
          />
        ) : null}
        {declinable ? (
          <ConfirmAction
            label={t('storeDecline')}
            buttonLabel={`${t('storeDecline')}: ${pack.title}`}
            question={t('storeDeclineConfirm')}
            onConfirm={() => store.decline(pack.orderId).then(p.onChanged)}
          />
        ) : null}
      </span>
    </li>
  );
}

function OrderRow({ order, onOpen }: { order: Order; onOpen(): void }) {
  const { t, lang } = useI18n();
  const { me } = useServices();
  const side = sideOf(order, me.userId);
  const label = { bought: t('storeSideBought'), gave: t('storeSideGave'), received: t('storeSideReceived') }[
    side
  ];
  return (
    <li class="admin-item" data-testid="order-row">
      <EmoticonImage imageUrl={order.item.cover.imageUrl} alt={order.item.cover.alt} size="sm" />
      <span class="admin-item-main">
        <a
          class="admin-item-title"
          href={`/store/orders/${order.id}`}
          onClick={(e) => {
            e.preventDefault();
            onOpen();
          }}
        >
          {order.item.title}
        </a>
        <span class="session-time">
          {label} · {pointsLabel(order.price, lang)} ·{' '}
          {new Date(order.createdAt).toLocaleDateString(lang === 'ko' ? 'ko-KR' : 'en-US')}
        </span>
      </span>
      <StatusBadge status={order.status} />
    </li>
  );
}
