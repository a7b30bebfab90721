// Buying a pack, for me or as a gift: the confirmation (price, balance, what stands in the way),
// then paying, preparing, done or failed with the reason in the reader's words (a retry is the same order).
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Dialog } from '../../../components/dialog.tsx';
import { EmoticonImage } from '../../../components/emoticon-image.tsx';
import { PersonPicker, type PickedPerson } from '../../../components/person-picker.tsx';
import { useI18n } from '../../../i18n/i18n.ts';
import type { PaymentMethod, StoreItem } from '../../../lib/wire.ts';
import type { PurchaseView } from '../hooks/use-purchase.ts';
import { GIFT_MESSAGE_MAX, pointsLabel } from '../state/catalog.ts';
import { blockerOf, type PurchaseRequest } from '../state/purchase.ts';

interface Props {
  item: StoreItem;
  gift: boolean;
  /** My points; null when they could not be read (the server still checks). */
  balance: number | null;
  cardPayments: boolean;
  view: PurchaseView;
  onBuy(request: PurchaseRequest): void;
  /** Back to the form after a failure (the same purchase keeps its key). */
  onEdit(): void;
  onOpenOrder(id: number): void;
  onOpenMine(): void;
  onClose(): void;
}

export function PurchaseDialog(p: Props) {
  const { t, lang } = useI18n();
  const { item, view } = p;
  const [method, setMethod] = useState<PaymentMethod>('POINTS');
  const [to, setTo] = useState<PickedPerson | null>(null);
  const [message, setMessage] = useState('');
  const blocker = blockerOf(item, method, p.gift, p.balance);
  const points = (n: number) => pointsLabel(n, lang);
  const request: PurchaseRequest = {
    itemId: item.id,
    method,
    giftTo: p.gift ? to?.id : undefined,
    giftMessage: p.gift ? message : undefined,
  };
  const ready = !blocker && (!p.gift || to !== null) && [...message].length <= GIFT_MESSAGE_MAX;
  const title = p.gift ? t('storeGiftTitle') : t('storeBuyTitle');
  const box = useRef<HTMLDivElement>(null);
  const shown = useRef(view.step);
  useEffect(() => {
    // Each step replaces the one that had the focus, so the keyboard does not start over from
    // the dialog's top. Where the purchase stands (paying, preparing, bought, failed and why)
    // takes it: read out first, its actions one Tab away. The form hands it to its main action.
    if (shown.current === view.step) return;
    shown.current = view.step;
    const el = box.current;
    const target =
      (view.step === 'form' ? null : el?.querySelector<HTMLElement>('.purchase-status')) ??
      el?.querySelector<HTMLElement>('.dialog-actions .primary:not([disabled])') ??
      el?.querySelector<HTMLElement>('.dialog-actions button:not([disabled])') ??
      el?.querySelector<HTMLElement>('[role=status], [role=alert]');
    target?.focus();
  }, [view.step]);

  let body: ComponentChildren;
  if (view.step === 'form') {
    body = (
      <form
        class="purchase-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (ready) p.onBuy(request);
        }}
      >
        <p class="purchase-item">
          <EmoticonImage imageUrl={item.cover.imageUrl} alt={item.cover.alt} size="sm" />
          <span>
            <strong>{item.title}</strong>
            <span class="store-card-artist">{item.artist}</span>
          </span>
        </p>
        {p.gift ? (
          <>
            <PersonPicker
              id="gift-to"
              label={t('storeGiftTo')}
              changeLabel={t('storeChange')}
              value={to}
              onChange={setTo}
            />
            <div class="field">
              <label for="gift-message">{t('storeGiftMessage')}</label>
              <textarea
                id="gift-message"
                rows={2}
                maxLength={GIFT_MESSAGE_MAX}
                value={message}
                onInput={(e) => setMessage((e.target as HTMLTextAreaElement).value)}
              />
              <span class="field-hint">{t('storeGiftMessageHint')}</span>
            </div>
          </>
        ) : null}
        {p.cardPayments ? (
          <fieldset class="purchase-methods">
            <legend>{t('storeMethod')}</legend>
            {(['POINTS', 'CARD'] as const).map((m) => (
              <label key={m} class="choice">
                <input type="radio" name="method" checked={method === m} onChange={() => setMethod(m)} />
                {m === 'POINTS' ? t('storePayPoints') : t('storePayCard')}
              </label>
            ))}
          </fieldset>
        ) : null}
        <dl class="purchase-sums">
          <dt>{t('storePrice')}</dt>
          <dd data-testid="purchase-price">{points(item.price)}</dd>
          {method === 'POINTS' && p.balance !== null ? (
            <>
              <dt>{t('storeBalance')}</dt>
              <dd data-testid="purchase-balance">{points(p.balance)}</dd>
              {p.balance >= item.price ? (
                <>
                  <dt>{t('storeBalanceAfter')}</dt>
                  <dd>{points(p.balance - item.price)}</dd>
                </>
              ) : null}
            </>
          ) : null}
        </dl>
        {blocker ? (
          <p class="field-error" role="alert">
            {blocker.kind === 'owned'
              ? t('storeAlreadyOwned')
              : blocker.kind === 'notOnSale'
                ? t('storeNotOnSaleLong')
                : t('storeInsufficient')
                    .replace('{balance}', points(blocker.balance))
                    .replace('{missing}', points(blocker.missing))}
          </p>
        ) : p.gift && !to ? (
          <p class="field-hint">{t('storeGiftPick')}</p>
        ) : null}
        <div class="dialog-actions">
          <button type="button" class="secondary" onClick={p.onClose}>
            {t('cancel')}
          </button>
          <button type="submit" class="primary" disabled={!ready}>
            {(p.gift ? t('storeConfirmGift') : t('storeConfirmPay')).replace('{price}', points(item.price))}
          </button>
        </div>
      </form>
    );
  } else if (view.step === 'paying' || view.step === 'redirect') {
    body = (
      <p class="purchase-status" role="status" tabIndex={-1}>
        <progress aria-label={t('storeInProgress')} />
        {view.step === 'paying' ? t('storeInProgress') : t('storeRedirecting')}
      </p>
    );
  } else if (view.step === 'preparing') {
    body = (
      <>
        <p class="purchase-status" role="status" tabIndex={-1}>
          <progress aria-label={t('storePreparing')} />
          {view.gaveUp ? t('storePreparingLong') : t('storePreparing')}
        </p>
        <div class="dialog-actions">
          <button type="button" class="secondary" onClick={() => p.onOpenOrder(view.order.id)}>
            {t('storeViewOrder')}
          </button>
        </div>
      </>
    );
  } else if (view.step === 'done') {
    const fulfilled = view.order.status === 'FULFILLED';
    body = (
      <>
        <p class="purchase-status done" role="status" tabIndex={-1}>
          {!fulfilled
            ? t(`storeStatus_${view.order.status}`)
            : p.gift
              ? t('storeGiftDone').replace('{name}', to?.nickname ?? '')
              : t('storeDone')}
        </p>
        <div class="dialog-actions">
          <button type="button" class="secondary" onClick={() => p.onOpenOrder(view.order.id)}>
            {t('storeViewOrder')}
          </button>
          {p.gift ? (
            <button type="button" class="primary" onClick={p.onClose}>
              {t('close')}
            </button>
          ) : (
            <button type="button" class="primary" onClick={p.onOpenMine}>
              {t('storeMine')}
            </button>
          )}
        </div>
      </>
    );
  } else {
    body = (
      <>
        <p class="field-error purchase-status failed" role="alert" tabIndex={-1}>
          {t('storeFailed')} {t(view.reason ?? 'storeNoAnswer')}
        </p>
        {/* Retry first: one Tab from the reason, the way out of a failure most take. */}
        <div class="dialog-actions">
          <button type="button" class="primary" onClick={() => p.onBuy(request)}>
            {t('storeRetry')}
          </button>
          <button type="button" class="secondary" onClick={p.onEdit}>
            {t('storeEdit')}
          </button>
          <button type="button" class="secondary" onClick={p.onClose}>
            {t('close')}
          </button>
        </div>
      </>
    );
  }
  return (
    <Dialog title={title} onClose={p.onClose}>
      <div class="purchase" ref={box}>
        {body}
      </div>
    </Dialog>
  );
}
