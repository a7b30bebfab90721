// A new asset: its kind (fixed afterwards), category, name and description. Checked here with
// the contract's limits; a refusal from the server is shown in its words, under the field it
// names when it names one.
import type { MetaAsset } from '@chat/contracts';
import { useState } from 'preact/hooks';
import { useI18n } from '../../../i18n/i18n.ts';
import { fieldOf } from '../../../lib/field-errors.ts';
import type { ApiError } from '../../../lib/http.ts';
import { useAssetsAdmin } from '../hooks/use-asset-list.ts';
import { ASSET_KINDS, type AssetFields, createAssetBody, emptyAssetFields } from '../state/asset-form.ts';
import { AssetFormOutcome, AssetTextFields } from './asset-form-parts.tsx';

type Errors = Partial<Record<keyof AssetFields | 'form', string>>;
const FIELDS = ['kind', 'name', 'category', 'description'] as const;

/** Takes the keyboard to the first field that is wrong (in the form's order). */
function focusFirst(wrong: readonly string[]) {
  const first = FIELDS.find((k) => wrong.includes(k));
  const el = first === 'kind' ? document.querySelector<HTMLElement>('[name=asset-new-kind]') : null;
  (el ?? (first ? document.getElementById(`asset-new-${first}`) : null))?.focus();
}

export function NewAssetForm({ onCreated }: { onCreated(asset: MetaAsset): void }) {
  const { t } = useI18n();
  const admin = useAssetsAdmin();
  const [f, setF] = useState<AssetFields>(emptyAssetFields);
  const [errors, setErrors] = useState<Errors>({});
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof AssetFields) => (value: string) => setF((x) => ({ ...x, [k]: value }));

  const submit = async (e: Event) => {
    e.preventDefault();
    setDone(null);
    const parsed = createAssetBody(f);
    if (!parsed.body) {
      setErrors(Object.fromEntries(Object.entries(parsed.errors).map(([k, key]) => [k, t(key)])));
      focusFirst(Object.keys(parsed.errors));
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const asset = await admin.create(parsed.body);
      setDone(t('assetCreated').replace('{name}', asset.name));
      setF((x) => ({ ...emptyAssetFields, kind: x.kind, category: x.category }));
      onCreated(asset);
    } catch (err) {
      const field = fieldOf(err as ApiError, FIELDS);
      setErrors({ [field]: (err as Error).message });
      focusFirst([field]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="account-section" aria-labelledby="asset-new-title">
      <h3 id="asset-new-title">{t('assetNew')}</h3>
      <form
        class="account-form store-form"
        aria-labelledby="asset-new-title"
        onSubmit={(e) => void submit(e)}
        noValidate
      >
        <fieldset class="asset-kinds">
          <legend>{t('assetKind')}</legend>
          {ASSET_KINDS.map((k) => (
            <label key={k} class="choice">
              <input
                type="radio"
                name="asset-new-kind"
                value={k}
                checked={f.kind === k}
                onChange={() => set('kind')(k)}
              />
              {t(`assetKind${k}`)}
            </label>
          ))}
          {errors.kind ? <span class="field-error">{errors.kind}</span> : null}
        </fieldset>
        <AssetTextFields
          idOf={(k) => `asset-new-${k}`}
          values={f}
          errors={errors}
          onInput={(k, value) => set(k)(value)}
        />
        <AssetFormOutcome error={errors.form} done={done} />
        <button type="submit" class="primary" disabled={busy}>
          {t('assetCreate')}
        </button>
      </form>
    </section>
  );
}
