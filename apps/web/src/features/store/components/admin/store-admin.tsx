// The store's administration (under /admin/store): new packs, every pack with its on/off
// switch, points granted to a user, and the sales (per pack, and per day from the batch report).
import { useState } from 'preact/hooks';
import { EmoticonImage } from '../../../../components/emoticon-image.tsx';
import { PersonPicker, type PickedPerson } from '../../../../components/person-picker.tsx';
import { useI18n } from '../../../../i18n/i18n.ts';
import type { StoreItemSummary } from '../../../../lib/wire.ts';
import { uuid } from '../../../../utils/uuid.ts';
import { useLoad, useStore } from '../../hooks/use-store.ts';
import { pointsLabel } from '../../state/catalog.ts';
import { type FieldErrors, type GrantFields, grantBody } from '../../state/item-form.ts';
import { NewItemForm } from './new-item-form.tsx';
import { SalesSection } from './sales-section.tsx';

export function StoreAdmin() {
  const store = useStore();
  const items = useLoad(() => store.admin.items(), [store]);
  const [sales, setSales] = useState(0);
  return (
    <>
      <NewItemForm onCreated={() => items.reload()} />
      <ItemsSection items={items.value?.items ?? null} error={items.error} onChanged={() => items.reload()} />
      <GrantSection onGranted={() => setSales((n) => n + 1)} />
      <SalesSection version={sales} />
    </>
  );
}

function ItemsSection(p: { items: StoreItemSummary[] | null; error: string | null; onChanged(): void }) {
  const { t, lang } = useI18n();
  const store = useStore();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  // The list's summaries say onSale, not active: the switch's state is known once toggled.
  const [active, setActive] = useState<Record<number, boolean>>({});
  const toggle = async (item: StoreItemSummary) => {
    if (busy === item.id) return;
    const next = !(active[item.id] ?? item.onSale);
    setBusy(item.id);
    setError(null);
    try {
      const updated = await store.admin.update(item.id, { active: next });
      setActive((a) => ({ ...a, [item.id]: updated.active }));
      p.onChanged();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };
  return (
    <section class="account-section store-admin-items" aria-labelledby="store-items-title">
      <h3 id="store-items-title">{t('storeItems')}</h3>
      {p.error || error ? (
        <p class="field-error" role="alert">
          {error ?? p.error}
        </p>
      ) : null}
      {p.items === null ? (
        p.error ? null : (
          <p class="empty">…</p>
        )
      ) : p.items.length === 0 ? (
        <p class="empty">{t('storeNoItems')}</p>
      ) : (
        <ul class="admin-list" aria-label={t('storeItems')}>
          {p.items.map((item) => {
            const on = active[item.id] ?? item.onSale;
            return (
              <li key={item.id} class="admin-item">
                <EmoticonImage imageUrl={item.cover.imageUrl} alt={item.cover.alt} size="sm" />
                <span class="admin-item-main">
                  <span class="admin-item-title">{item.title}</span>
                  <span class="session-time">
                    #{item.id} · {item.artist} · {item.category} · {pointsLabel(item.price, lang)}
                  </span>
                </span>
                <span class={`store-badge${on ? ' owned' : ''}`}>
                  {on ? t('storeActive') : t('storeInactive')}
                </span>
                <button
                  type="button"
                  class="secondary"
                  aria-disabled={busy === item.id}
                  aria-label={`${on ? t('storeDeactivate') : t('storeActivate')}: ${item.title}`}
                  onClick={() => void toggle(item)}
                >
                  {on ? t('storeDeactivate') : t('storeActivate')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function GrantSection({ onGranted }: { onGranted(): void }) {
  const { t, lang } = useI18n();
  const store = useStore();
  const [to, setTo] = useState<PickedPerson | null>(null);
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors<keyof GrantFields>>({});
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  /** One key per grant meant: a retry after no answer is the same grant. */
  const [key, setKey] = useState(uuid);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const parsed = grantBody({ userId: to?.id ?? null, amount, reason });
    setErrors(parsed.errors ?? {});
    if (!parsed.body || !to) return;
    setBusy(true);
    setResult(null);
    try {
      await store.admin.grant(parsed.body, key);
      setResult({
        ok: true,
        text: t('storeGranted')
          .replace('{name}', to.nickname)
          .replace('{amount}', pointsLabel(parsed.body.amount, lang)),
      });
      setKey(uuid());
      setAmount('');
      setReason('');
      setTo(null);
      onGranted();
    } catch (err) {
      setResult({ ok: false, text: (err as Error).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="account-section" aria-labelledby="store-grant-title">
      <h3 id="store-grant-title">{t('storeGrant')}</h3>
      <form class="account-form store-form" onSubmit={(e) => void submit(e)} noValidate>
        <PersonPicker
          id="grant-to"
          label={t('storeGrantUser')}
          changeLabel={t('storeChange')}
          value={to}
          onChange={(r) => {
            setTo(r);
            setKey(uuid());
          }}
        />
        {errors.userId ? <span class="field-error">{t(errors.userId)}</span> : null}
        <div class="store-form-row">
          <div class="field">
            <label for="grant-amount">{t('storeGrantAmount')}</label>
            <input
              id="grant-amount"
              inputMode="numeric"
              value={amount}
              aria-invalid={errors.amount ? 'true' : undefined}
              onInput={(e) => {
                setAmount((e.target as HTMLInputElement).value);
                setKey(uuid());
              }}
            />
            {errors.amount ? <span class="field-error">{t(errors.amount)}</span> : null}
          </div>
          <div class="field">
            <label for="grant-reason">{t('storeGrantReason')}</label>
            <input
              id="grant-reason"
              value={reason}
              aria-invalid={errors.reason ? 'true' : undefined}
              onInput={(e) => {
                setReason((e.target as HTMLInputElement).value);
                setKey(uuid());
              }}
            />
            {errors.reason ? <span class="field-error">{t(errors.reason)}</span> : null}
          </div>
        </div>
        {result ? (
          <p class={result.ok ? 'field-hint' : 'field-error'} role={result.ok ? 'status' : 'alert'}>
            {result.text}
          </p>
        ) : null}
        <button type="submit" class="primary" aria-disabled={busy}>
          {t('storeGrantSubmit')}
        </button>
      </form>
    </section>
  );
}
