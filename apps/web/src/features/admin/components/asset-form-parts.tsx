// What the new-asset and edit-asset forms share: the name, category and description fields, and
// the lines under them (the form's error, the outcome).
import { useI18n } from '../../../i18n/i18n.ts';
import { AssetField } from './asset-field.tsx';

type TextKey = 'name' | 'category' | 'description';

interface FieldsProps {
  /** The element id of a field. */
  idOf(key: TextKey): string;
  values: Readonly<Record<TextKey, string>>;
  errors: Partial<Record<TextKey, string>>;
  onInput(key: TextKey, value: string): void;
}

export function AssetTextFields({ idOf, values, errors, onInput }: FieldsProps) {
  const { t } = useI18n();
  const field = (key: TextKey, label: string, multiline = false) => (
    <AssetField
      id={idOf(key)}
      label={label}
      value={values[key]}
      error={errors[key]}
      multiline={multiline}
      onInput={(value) => onInput(key, value)}
    />
  );
  return (
    <>
      <div class="store-form-row">
        {field('name', t('assetName'))}
        {field('category', t('assetCategory'))}
      </div>
      {field('description', t('assetDescription'), true)}
    </>
  );
}

/** The form's own error (an alert) and what the last action did (a status). */
export function AssetFormOutcome({ error, done }: { error?: string | undefined; done: string | null }) {
  return (
    <>
      {error ? (
        <p class="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {done ? (
        <p class="field-hint" role="status">
          {done}
        </p>
      ) : null}
    </>
  );
}
