// Export my data: the profile from users and my rooms and messages from chat, each asked of
// the service that owns it, saved as one JSON file.
import { useState } from 'preact/hooks';
import { useServices } from '../../../app/services.ts';
import { useI18n } from '../../../i18n/i18n.ts';
import type { MessageKey } from '../../../i18n/messages.ts';
import { ApiError } from '../../../lib/http.ts';
import { saveBlob } from '../../../lib/save-blob.ts';
import type { ChatExport, ProfileExport } from '../../../lib/wire.ts';
import { composeExport, exportFileName } from '../state/export-file.ts';

export function ExportSection() {
  const { t } = useI18n();
  const { api } = useServices();
  const [state, setState] = useState<'idle' | 'busy' | 'done' | MessageKey>('idle');

  const run = async () => {
    setState('busy');
    try {
      const [account, chat] = await Promise.all([
        api.request<ProfileExport>('GET', '/api/users/me/export', undefined, { noWait: true }),
        api.request<ChatExport>('GET', '/api/rooms/export', undefined, { noWait: true }),
      ]);
      saveBlob(
        new Blob([JSON.stringify(composeExport(account, chat), null, 2)], { type: 'application/json' }),
        exportFileName(),
      );
      setState('done');
    } catch (err) {
      setState(err instanceof ApiError && err.status === 429 ? 'tooManyAttempts' : 'genericError');
    }
  };

  return (
    <section class="account-section" aria-labelledby="account-export-title">
      <h3 id="account-export-title">{t('exportData')}</h3>
      <p class="field-hint">{t('exportHint')}</p>
      <button type="button" class="secondary" disabled={state === 'busy'} onClick={() => void run()}>
        {state === 'busy' ? t('exporting') : t('exportDownload')}
      </button>
      {state === 'done' ? (
        <p class="field-hint" role="status">
          {t('exportDone')}
        </p>
      ) : state !== 'idle' && state !== 'busy' ? (
        <p class="field-error" role="alert">
          {t(state)}
        </p>
      ) : null}
    </section>
  );
}
