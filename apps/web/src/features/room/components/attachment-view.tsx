import { useState } from 'preact/hooks';
import { useServices } from '../../../app/services.ts';
import { Dialog } from '../../../components/dialog.tsx';
import { useI18n } from '../../../i18n/i18n.ts';
import type { MessageAttachment } from '../../../lib/wire.ts';
import { saveFile, useBlobUrl } from '../hooks/use-blob-url.ts';
import { formatSize } from '../state/uploads.ts';

/** A photo in the timeline: its thumbnail, opening the whole photo in a lightbox. */
function Photo({ a }: { a: MessageAttachment }) {
  const { t } = useI18n();
  const { api } = useServices();
  const [open, setOpen] = useState(false);
  const thumb = useBlobUrl(api, a.thumbnailUrl);
  return (
    <>
      <button
        type="button"
        class="photo"
        aria-label={`${t('openPhoto')}: ${a.name}`}
        onClick={() => setOpen(true)}
      >
        {thumb && thumb !== 'error' ? (
          <img src={thumb} alt={a.name} width={a.width} height={a.height} data-testid="photo-thumbnail" />
        ) : (
          <span class={`photo-placeholder${thumb === 'error' ? ' broken' : ''}`}>
            {thumb === 'error' ? a.name : ''}
          </span>
        )}
      </button>
      {open ? <Lightbox a={a} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function Lightbox({ a, onClose }: { a: MessageAttachment; onClose(): void }) {
  const { t } = useI18n();
  const { api } = useServices();
  const full = useBlobUrl(api, a.url);
  const [error, setError] = useState<string | null>(null);
  return (
    <Dialog title={a.name} onClose={onClose} wide>
      <div class="lightbox">
        {full && full !== 'error' ? (
          <img src={full} alt={a.name} data-testid="photo-full" />
        ) : (
          <p role="status">{full === 'error' ? t('fileUnavailable') : t('loading')}</p>
        )}
        <button
          type="button"
          class="secondary"
          onClick={() => {
            setError(null);
            saveFile(api, a.url, a.name).catch((e: Error) => setError(e.message));
          }}
        >
          {t('download')} ({formatSize(a.size)})
        </button>
        {error ? (
          <p class="field-error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
    </Dialog>
  );
}

/** A file in the timeline: name, size and a download button. */
function FileCard({ a }: { a: MessageAttachment }) {
  const { t } = useI18n();
  const { api } = useServices();
  const [error, setError] = useState<string | null>(null);
  return (
    <span class="file-card" data-testid="file-card">
      <span class="file-icon" aria-hidden="true">
        📄
      </span>
      <span class="file-meta">
        <span class="file-name">{a.name}</span>
        <span class="file-size">{formatSize(a.size)}</span>
        {error ? (
          <span class="field-error" role="alert">
            {error}
          </span>
        ) : null}
      </span>
      <button
        type="button"
        class="secondary"
        aria-label={`${t('download')}: ${a.name}`}
        onClick={() => {
          setError(null);
          saveFile(api, a.url, a.name).catch((e: Error) => setError(e.message));
        }}
      >
        {t('download')}
      </button>
    </span>
  );
}

/** What an IMAGE or FILE message shows: the photo, the file, or that its time is up. */
export function AttachmentView({ attachment }: { attachment: MessageAttachment }) {
  const { t } = useI18n();
  if (attachment.expired) {
    return (
      <span class="file-card expired">
        {attachment.name} · {t('attachmentExpired')}
      </span>
    );
  }
  return attachment.kind === 'IMAGE' ? <Photo a={attachment} /> : <FileCard a={attachment} />;
}
