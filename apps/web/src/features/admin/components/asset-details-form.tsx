// An asset's name, category and description (only what changed is sent), and its place in the
// catalog: withdrawn (kept by those who own it, not grantable) or restored.
import type { MetaAsset } from '@chat/contracts';
import { useState } from 'preact/hooks';
import { useI18n } from '../../../i18n/i18n.ts';
import { fieldOf } from '../../../lib/field-errors.ts';
import type { ApiError } from '../../../lib/http.ts';
import { useAssetsAdmin } from '../hooks/use-asset-list.ts';
import { type EditFields, editFieldsOf, updateAssetBody } from '../state/asset-form.ts';
import { AssetFormOutcome, AssetTextFields } from './asset-form-parts.tsx';

type Errors = Partial<Record<keyof EditFields | 'form', string>>;
const FIELDS = ['name', 'category', 'description'] as const;

interface Props {
  asset: MetaAsset;
  onChanged(asset: MetaAsset): void;
}

export function AssetDetailsForm({ asset, onChanged }: Props) {
  const { t } = useI18n();
  const admin = useAssetsAdmin();
  const [f, setF] = useState<EditFields>(() => editFieldsOf(asset));
  const [errors, setErrors] = useState<Errors>({});
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = (k: string) => `asset-${asset.id}-${k}`;
  const set = (k: keyof EditFields) => (value: string) => setF((x) => ({ ...x, [k]: value }));

  const send = async (body: Parameters<typeof admin.update>[1], message: string) => {
    setBusy(true);
    try {
      const updated = await admin.update(asset.id, body);
      setDone(message);
      onChanged(updated);
    } catch (err) {
      const field = fieldOf(err as ApiError, FIELDS);
      setErrors({ [field]: (err as Error).message });
      if (field !== 'form') document.getElementById(id(field))?.focus();
    } finally {
      setBusy(false);
    }
  };

  const save = (e: Event) => {
    e.preventDefault();
    setDone(null);
    const parsed = updateAssetBody(asset, f);
    if (!parsed.body) {
      setErrors(Object.fromEntries(Object.entries(parsed.errors).map(([k, key]) => [k, t(key)])));
      const first = FIELDS.find((k) => parsed.errors[k]);
      if (first) document.getElementById(id(first))?.focus();
      return;
    }
    setErrors({});
    if (Object.keys(parsed.body).length === 0) return setDone(t('assetNoChanges'));
    void send(parsed.body, t('assetSaved'));
  };

  const toggle = () => {
    setDone(null);
    setErrors({});
    void send({ active: !asset.active }, asset.active ? t('assetWithdrawnDone') : t('assetRestoredDone'));
  };

  return (
    <form class="account-form store-form" aria-labelledby={id('details')} onSubmit={save} noValidate>
      <h4 id={id('details')} class="store-subtitle">
        {t('assetDetails')}
      </h4>
      <AssetTextFields idOf={id} values={f} errors={errors} onInput={(k, value) => set(k)(value)} />
      <AssetFormOutcome error={errors.form} done={done} />
      <div class="admin-actions">
        <button type="submit" class="primary" disabled={busy}>
          {t('assetSave')}
        </button>
        <button type="button" class="secondary" disabled={busy} onClick={toggle}>
          {asset.active ? t('assetWithdraw') : t('assetRestore')}
        </button>
      </div>
    </form>
  );
}
