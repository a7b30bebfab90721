// Choosing how many points to buy: preset amounts (one press each) or any amount typed, checked
// against the contract's limits before anything is asked of the server; then pay by card.
import { useState } from 'preact/hooks';
import { useI18n } from '../../../i18n/i18n.ts';
import { pointsLabel } from '../state/catalog.ts';
import { checkAmount, TOP_UP_MAX, TOP_UP_MIN, TOP_UP_PRESETS } from '../state/top-up.ts';

interface Props {
  /** A top-up is on its way: the button stays focusable (aria-disabled) but does nothing. */
  busy: boolean;
  onPay(amount: number): void;
}

export function TopUpForm({ busy, onPay }: Props) {
  const { t, lang } = useI18n();
  const [typed, setTyped] = useState('');
  const [tried, setTried] = useState(false);
  const points = (n: number) => pointsLabel(n, lang);
  const check = checkAmount(typed);
  const problem = tried && !check.ok ? check.problem : null;
  const problemText =
    problem === 'empty'
      ? t('storeTopUpEmpty')
      : problem === 'notWhole'
        ? t('storeTopUpNotWhole')
        : problem === 'tooLow'
          ? t('storeTopUpTooLow').replace('{min}', points(TOP_UP_MIN))
          : problem === 'tooHigh'
            ? t('storeTopUpTooHigh').replace('{max}', points(TOP_UP_MAX))
            : null;

  return (
    <form
      class="purchase-form top-up-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (!busy && check.ok) onPay(check.amount);
      }}
    >
      {/* Styled as the gift dialog's recipient group: a borderless fieldset, its legend in bold. */}
      <fieldset class="recipient">
        <legend>{t('storeTopUpPresets')}</legend>
        <ul class="store-chips">
          {TOP_UP_PRESETS.map((amount) => (
            <li key={amount}>
              <button
                type="button"
                class="store-chip"
                aria-pressed={check.ok && check.amount === amount}
                onClick={() => setTyped(String(amount))}
              >
                {points(amount)}
              </button>
            </li>
          ))}
        </ul>
      </fieldset>
      <div class="field">
        <label for="top-up-amount">{t('storeTopUpAmount')}</label>
        <input
          id="top-up-amount"
          type="text"
          inputMode="numeric"
          autoComplete="off"
          value={typed}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? 'top-up-hint top-up-problem' : 'top-up-hint'}
          onInput={(e) => setTyped((e.target as HTMLInputElement).value)}
        />
        <span class="field-hint" id="top-up-hint">
          {t('storeTopUpHint').replace('{min}', points(TOP_UP_MIN)).replace('{max}', points(TOP_UP_MAX))}
        </span>
        {problemText ? (
          <span class="field-error" id="top-up-problem" role="alert">
            {problemText}
          </span>
        ) : null}
      </div>
      <div class="store-item-actions">
        <button type="submit" class="primary" aria-disabled={busy}>
          {check.ok ? t('storeTopUpPay').replace('{amount}', points(check.amount)) : t('storeTopUpPayAny')}
        </button>
      </div>
    </form>
  );
}
