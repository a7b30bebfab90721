// My signed-in devices: this one marked, each other with a button that signs it out at once.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { useServices } from '../../../app/services.ts';
import { useI18n } from '../../../i18n/i18n.ts';
import type { SessionInfo } from '../../../lib/wire.ts';
import { orderSessions, withoutSession } from '../state/sessions.ts';

export function SessionsSection() {
  const { t, lang } = useI18n();
  const { api } = useServices();
  const [sessions, setSessions] = useState<SessionInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const when = useMemo(
    () =>
      new Intl.DateTimeFormat(lang === 'ko' ? 'ko-KR' : 'en-US', { dateStyle: 'medium', timeStyle: 'short' }),
    [lang],
  );

  useEffect(() => {
    api
      .request<SessionInfo[]>('GET', '/api/auth/sessions')
      .then((list) => setSessions(orderSessions(list)))
      .catch(() => setError(t('genericError')));
  }, [api, t]);

  const revoke = async (s: SessionInfo) => {
    setBusy(s.id);
    setError(null);
    try {
      await api.request('DELETE', `/api/auth/sessions/${s.id}`);
      setSessions((list) => withoutSession(list ?? [], s.id));
    } catch {
      setError(t('genericError'));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section class="account-section" aria-labelledby="account-sessions-title">
      <h3 id="account-sessions-title">{t('sessions')}</h3>
      <p class="field-hint">{t('sessionsHint')}</p>
      {error ? (
        <p class="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {sessions === null ? (
        <p class="empty">…</p>
      ) : (
        <ul class="session-list" aria-label={t('sessions')}>
          {sessions.map((s) => {
            const device = s.device ?? t('unknownDevice');
            return (
              <li key={s.id} class={`session${s.current ? ' current' : ''}`}>
                <span class="session-main">
                  <span class="session-device">
                    {device}
                    {s.current ? (
                      <>
                        {' '}
                        <span class="session-badge">{t('thisDevice')}</span>
                      </>
                    ) : null}
                  </span>
                  <span class="session-time">
                    {t('lastUsedAt').replace('{time}', when.format(new Date(s.lastUsedAt)))}
                  </span>
                  <span class="session-time">
                    {t('signedInAt').replace('{time}', when.format(new Date(s.createdAt)))}
                  </span>
                </span>
                {s.current ? null : (
                  <button
                    type="button"
                    class="secondary"
                    disabled={busy === s.id}
                    aria-label={t('revokeSessionLabel').replace('{device}', device)}
                    onClick={() => void revoke(s)}
                  >
                    {t('revokeSession')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
