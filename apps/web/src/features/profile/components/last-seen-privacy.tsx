import { useEffect, useState } from 'preact/hooks';
import { useServices } from '../../../app/services.ts';
import { useI18n } from '../../../i18n/i18n.ts';

/** Whether people who share a room with me see my last seen time (saved as it is ticked). */
export function LastSeenPrivacy() {
  const { t } = useI18n();
  const { api } = useServices();
  const [shown, setShown] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api
      .request<{ showLastSeen: boolean }>('GET', '/api/rooms/me/privacy')
      .then((p) => live && setShown(p.showLastSeen))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [api]);
  const change = async (value: boolean) => {
    setError(null);
    try {
      setShown(
        (
          await api.request<{ showLastSeen: boolean }>('PATCH', '/api/rooms/me/privacy', {
            showLastSeen: value,
          })
        ).showLastSeen,
      );
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <>
      <label class="privacy-toggle">
        <input
          type="checkbox"
          checked={shown ?? true}
          disabled={shown === null}
          onChange={(e) => void change((e.target as HTMLInputElement).checked)}
        />
        {t('showLastSeen')}
      </label>
      {error ? (
        <p class="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}
