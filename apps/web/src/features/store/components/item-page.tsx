// A pack's page: its emoticons, price and state (held, on sale), Buy and Gift.
import { useEffect, useRef, useState } from 'preact/hooks';
import { EmoticonImage } from '../../../components/emoticon-image.tsx';
import { useI18n } from '../../../i18n/i18n.ts';
import { usePurchase } from '../hooks/use-purchase.ts';
import { useLoad, useStore } from '../hooks/use-store.ts';
import { pointsLabel } from '../state/catalog.ts';
import { PurchaseDialog } from './purchase-dialog.tsx';

interface Props {
  id: number;
  onOpenOrder(id: number): void;
  onOpenMine(): void;
}

export function ItemPage({ id, onOpenOrder, onOpenMine }: Props) {
  const { t, lang } = useI18n();
  const store = useStore();
  const item = useLoad(() => store.item(id), [store, id]);
  const config = useLoad(() => store.config(), [store]);
  const points = useLoad(() => store.points(), [store]);
  const purchase = usePurchase();
  const [open, setOpen] = useState<'buy' | 'gift' | null>(null);
  const buyButton = useRef<HTMLButtonElement>(null);
  const giftButton = useRef<HTMLButtonElement>(null);
  /** The button whose dialog just closed: the focus goes back to it. */
  const returnTo = useRef<'buy' | 'gift' | null>(null);
  // A pack bought for me is mine at once, behind the dialog: closing it gives the focus back to
  // a button that already says so (not "Buy" until the reload on closing answers).
  const view = purchase.view;
  const boughtForMe = open === 'buy' && view.step === 'done' && view.order.status === 'FULFILLED';
  // Kept for after the dialog closes; until then `boughtForMe` says it in the same render as the
  // outcome, so no key pressed before the next paint finds "Buy" (an effect runs after it).
  useEffect(() => {
    if (boughtForMe && item.value && !item.value.owned) item.set({ ...item.value, owned: true });
  }, [boughtForMe]);
  useEffect(() => {
    if (open !== null || returnTo.current === null) return;
    (returnTo.current === 'buy' ? buyButton : giftButton).current?.focus();
    returnTo.current = null;
  }, [open]);

  if (item.error && !item.value) {
    return (
      <p class="field-error" role="alert">
        {item.error}
      </p>
    );
  }
  const loaded = item.value;
  if (!loaded) return <p class="empty">…</p>;
  const it = boughtForMe && !loaded.owned ? { ...loaded, owned: true } : loaded;

  const start = (kind: 'buy' | 'gift') => {
    purchase.reset();
    points.reload();
    setOpen(kind);
  };
  const close = () => {
    returnTo.current = open;
    setOpen(null);
    // What the purchase changed (held, balance) shows on the page.
    if (purchase.view.step !== 'form') {
      item.reload();
      points.reload();
    }
  };

  return (
    <article class="store-item" aria-labelledby="store-item-title">
      <header class="store-item-head">
        <EmoticonImage imageUrl={it.cover.imageUrl} alt={it.cover.alt} size="lg" />
        <div class="store-item-info">
          <h3 id="store-item-title">{it.title}</h3>
          <p class="store-card-artist">{it.artist}</p>
          <p class="store-item-price">
            <span data-testid="item-price">{pointsLabel(it.price, lang)}</span>
            {it.owned ? <span class="store-badge owned">{t('storeOwned')}</span> : null}
            {!it.onSale ? <span class="store-badge">{t('storeNotOnSale')}</span> : null}
          </p>
          <div class="store-item-actions">
            {/* aria-disabled: the purchase dialog hands the focus back here as the pack becomes mine. */}
            <button
              ref={buyButton}
              type="button"
              class="primary"
              aria-disabled={it.owned || !it.onSale}
              onClick={() => !it.owned && it.onSale && start('buy')}
            >
              {it.owned ? t('storeOwned') : t('storeBuy')}
            </button>
            <button
              ref={giftButton}
              type="button"
              class="secondary"
              disabled={!it.onSale}
              onClick={() => start('gift')}
            >
              {t('storeGift')}
            </button>
          </div>
        </div>
      </header>
      {it.description ? <p class="store-item-description">{it.description}</p> : null}
      {it.tags.length > 0 ? (
        <ul class="store-tags" aria-label={t('storeTags')}>
          {it.tags.map((tag) => (
            <li key={tag}>#{tag}</li>
          ))}
        </ul>
      ) : null}
      <h4 class="store-subtitle">{t('storeEmoticons')}</h4>
      <ul class="emoticon-grid" aria-label={t('storeEmoticons')}>
        {it.emoticons.map((e) => (
          <li key={e.index}>
            <EmoticonImage imageUrl={e.imageUrl} alt={e.alt} />
          </li>
        ))}
      </ul>
      {open ? (
        <PurchaseDialog
          item={it}
          gift={open === 'gift'}
          balance={points.value?.balance ?? null}
          cardPayments={config.value?.cardPayments ?? false}
          view={purchase.view}
          onBuy={(r) => void purchase.buy(r)}
          onEdit={purchase.reset}
          onOpenOrder={onOpenOrder}
          onOpenMine={onOpenMine}
          onClose={close}
        />
      ) : null}
    </article>
  );
}
