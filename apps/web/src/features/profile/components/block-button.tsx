import { useEffect, useState } from 'preact/hooks';
import { useServices } from '../../../app/services.ts';
import { useI18n } from '../../../i18n/i18n.ts';

/** Block or unblock someone (from their profile); the server's list says which they are now. */
export function BlockButton({ userId }: { userId: number }) {
  const { t } = useI18n();
  const { api, me } = useServices();
  const [blocked, setBlocked] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api
      .request<{ userId: number }[]>('GET', '/api/rooms/blocked-users')
      .then((list) => live && setBlocked(list.some((b) => b.userId === userId)))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [api, userId]);
  if (userId === me.userId || blocked === null) return error ? <p class="field-error">{error}</p> : null;
  const toggle = async () => {
    setError(null);
    try {
      await api.request(blocked ? 'DELETE' : 'PUT', `/api/rooms/blocked-users/${userId}`);
      setBlocked(!blocked);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <>
      <button type="button" class={blocked ? 'secondary' : 'link danger-link'} onClick={() => void toggle()}>
        {blocked ? t('unblock') : t('block')}
      </button>
      {blocked ? <p class="profile-status">{t('blockedNote')}</p> : null}
      {error ? (
        <p class="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}
