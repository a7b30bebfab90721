// `/store/points`: my balance, buying points by card (where the card payment comes back to be
// confirmed), and the history, where a completed top-up shows. Without card payments on this
// server the page says so instead of offering a form.
import { useI18n } from '../../../i18n/i18n.ts';
import { usePoints } from '../hooks/use-points.ts';
import { useLoad, useStore } from '../hooks/use-store.ts';
import { type TopUpView, useTopUp } from '../hooks/use-top-up.ts';
import { pointsLabel } from '../state/catalog.ts';
import { Balance } from './balance.tsx';
import { PointsHistory } from './points-history.tsx';
import { TopUpForm } from './top-up-form.tsx';

export function TopUpPage() {
  const { t } = useI18n();
  const store = useStore();
  const config = useLoad(() => store.config(), [store]);
  const points = usePoints();
  const topUp = useTopUp(points.reload);
  const busy = ['starting', 'redirect', 'confirming'].includes(topUp.view.step);
  const cardPayments = config.value?.cardPayments ?? false;
  return (
    <div class="store-mine">
      <Balance points={points} cardPayments={cardPayments} />
      <section class="store-section" aria-labelledby="store-top-up-title">
        <h3 id="store-top-up-title">{t('storeTopUpTitle')}</h3>
        <TopUpStatus view={topUp.view} onCheckAgain={topUp.checkAgain} />
        {config.error ? (
          <p class="field-error" role="alert">
            {config.error}
          </p>
        ) : !config.value ? (
          <p class="empty">…</p>
        ) : cardPayments ? (
          <TopUpForm busy={busy} onPay={(amount) => void topUp.start(amount)} />
        ) : (
          <p class="field-hint">{t('storeTopUpUnavailable')}</p>
        )}
      </section>
      <PointsHistory points={points} />
    </div>
  );
}

function TopUpStatus({ view, onCheckAgain }: { view: TopUpView; onCheckAgain(): void }) {
  const { t, lang } = useI18n();
  switch (view.step) {
    case 'form':
      return null;
    case 'starting':
    case 'redirect':
    case 'confirming': {
      const text =
        view.step === 'starting'
          ? t('storeTopUpStarting')
          : view.step === 'redirect'
            ? t('storeRedirecting')
            : t('storeTopUpConfirming');
      return (
        <p class="purchase-status" role="status">
          <progress aria-label={text} />
          {text}
        </p>
      );
    }
    case 'done':
      return (
        <p class="purchase-status done" role="status">
          {t('storeTopUpDone').replace('{amount}', pointsLabel(view.amount, lang))}
        </p>
      );
    case 'failed':
      return (
        <p class="field-error" role="alert">
          {t('storeTopUpFailed')}{' '}
          {view.message === null
            ? t('storeNoAnswer')
            : view.message
              ? t('storeTopUpWhy').replace('{message}', view.message)
              : ''}
        </p>
      );
    case 'unknown':
      return (
        <div class="store-section">
          <p class="field-error" role="alert">
            {t('storeTopUpUnknown')}
          </p>
          <p class="store-item-actions">
            <button type="button" class="secondary" onClick={onCheckAgain}>
              {t('storeTopUpCheckAgain')}
            </button>
          </p>
        </div>
      );
  }
}
