// An asset's image, uploaded or replaced: a file checked here (type, size) before it is sent as
// the request's body; the server's refusal shown in its words.
import type { MetaAsset } from '@chat/contracts';
import { useState } from 'preact/hooks';
import { useI18n } from '../../../i18n/i18n.ts';
import { useAssetsAdmin } from '../hooks/use-asset-list.ts';
import { ASSET_IMAGE_TYPES, assetImageProblem } from '../state/asset-form.ts';
import { imageSrc } from '../state/asset-list.ts';

interface Props {
  asset: MetaAsset;
  /** Bumped on each upload: the image's address changes with it. */
  version: number;
  onUploaded(asset: MetaAsset): void;
}

export function AssetImageForm({ asset, version, onUploaded }: Props) {
  const { t } = useI18n();
  const admin = useAssetsAdmin();
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const id = `asset-${asset.id}-image`;

  const pick = (e: Event) => {
    const picked = (e.target as HTMLInputElement).files?.[0] ?? null;
    const problem = picked ? assetImageProblem(picked) : null;
    setDone(false);
    setError(problem ? t(problem) : null);
    setFile(problem ? null : picked);
  };

  const upload = async (e: Event) => {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const updated = await admin.uploadImage(asset.id, file);
      setDone(true);
      setFile(null);
      (e.target as HTMLFormElement).reset();
      onUploaded(updated);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      class="account-form asset-image-form"
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => void upload(e)}
    >
      <h4 id={`${id}-title`} class="store-subtitle">
        {t('assetImage')}
      </h4>
      <div class="asset-image-row">
        <img
          class="asset-thumb asset-thumb-lg"
          src={imageSrc(asset, version)}
          alt={t('assetImageAlt').replace('{name}', asset.name)}
          width={96}
          height={96}
        />
        <div class="field">
          <label for={id}>{t('assetImageFile')}</label>
          <input
            id={id}
            type="file"
            accept={ASSET_IMAGE_TYPES.join(',')}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={pick}
          />
          {error ? (
            <span id={`${id}-error`} class="field-error" role="alert">
              {error}
            </span>
          ) : null}
          {done ? (
            <span class="field-hint" role="status">
              {t('assetImageUploaded')}
            </span>
          ) : null}
        </div>
      </div>
      <button type="submit" class="secondary" disabled={busy || !file}>
        {t('assetImageUpload')}
      </button>
    </form>
  );
}
