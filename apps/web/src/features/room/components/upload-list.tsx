import { useI18n } from '../../../i18n/i18n.ts';
import { formatSize, percent, type Upload } from '../state/uploads.ts';

/** Files on their way up, above the composer: a progress bar and cancel, or why it failed. */
export function UploadList({
  uploads,
  onCancel,
}: {
  uploads: readonly Upload[];
  onCancel(key: string): void;
}) {
  const { t } = useI18n();
  if (uploads.length === 0) return null;
  return (
    <ul class="uploads" aria-label={t('uploads')}>
      {uploads.map((u) => (
        <li key={u.key} class={`upload ${u.status}`}>
          <span class="upload-name">
            {u.name} <span class="upload-size">{formatSize(u.size)}</span>
          </span>
          {u.status === 'uploading' ? (
            <progress
              max={100}
              value={percent(u)}
              aria-label={`${t('uploading')}: ${u.name}`}
              aria-valuetext={`${percent(u)}%`}
            />
          ) : (
            <span class="field-error" role="alert">
              {t('uploadFailed')}: {u.error}
            </span>
          )}
          <button
            type="button"
            class="icon"
            aria-label={`${u.status === 'uploading' ? t('cancelUpload') : t('dismiss')}: ${u.name}`}
            onClick={() => onCancel(u.key)}
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
