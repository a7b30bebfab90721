// My social settings: the private-account switch, my avatar, and follow requests waiting for an
// answer (new ones appear live).
import { useEffect, useState } from 'preact/hooks';
import { Avatar } from '../../../components/avatar.tsx';
import { useI18n } from '../../../i18n/i18n.ts';
import { useOneAtATime } from '../../../lib/one-at-a-time.ts';
import { useFollowRequests } from '../hooks/use-follow-requests.ts';
import { useSocial } from '../hooks/use-social.ts';
import { profilePath } from '../state/routes.ts';
import { AvatarEditor } from './avatar-editor.tsx';
import { Link } from './link.tsx';

export function SettingsPage({ onNavigate }: { onNavigate(path: string): void }) {
  const { t, name } = useI18n();
  const social = useSocial();
  const [isPrivate, setPrivate] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { requests, next, load: loadRequests, answer } = useFollowRequests(setError);
  const loadingMore = useOneAtATime();

  useEffect(() => {
    social
      .settings()
      .then((s) => setPrivate(s.private))
      .catch((e: Error) => setError(e.message));
  }, [social]);

  const toggle = async (value: boolean) => {
    setBusy(true);
    setError(null);
    setPrivate(value);
    try {
      setPrivate((await social.setPrivate(value)).private);
      // Turning public accepts every waiting request.
      if (!value) await loadRequests(null);
    } catch (e) {
      setPrivate(!value);
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="social-settings">
      {error ? (
        <p class="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <section class="account-section">
        {isPrivate === null ? (
          <p class="empty">…</p>
        ) : (
          <label class="switch">
            <input
              type="checkbox"
              checked={isPrivate}
              disabled={busy}
              onChange={(e) => void toggle((e.target as HTMLInputElement).checked)}
            />
            <span>{t('socialPrivateAccount')}</span>
          </label>
        )}
        <p class="field-hint">{t('socialPrivateHint')}</p>
      </section>
      <AvatarEditor />
      <section class="account-section" aria-labelledby="social-requests-title">
        <h3 id="social-requests-title">{t('socialRequests')}</h3>
        {requests === null ? null : requests.length === 0 ? (
          <p class="field-hint">{t('socialNoRequests')}</p>
        ) : (
          <ul class="people-list social-people">
            {requests.map((u) => (
              <li key={u.id} class="person">
                <Link class="person-open" href={profilePath(u.id)} onNavigate={onNavigate}>
                  <Avatar name={u.nickname} imageUrl={u.profileImageUrl} />
                  <span class="room-title">{name(u.nickname)}</span>
                </Link>
                <button type="button" class="primary" onClick={() => void answer(u.id, true)}>
                  {t('socialAccept')}
                  <span class="sr-only"> {u.nickname}</span>
                </button>
                <button type="button" class="secondary" onClick={() => void answer(u.id, false)}>
                  {t('socialDecline')}
                  <span class="sr-only"> {u.nickname}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        {next !== null ? (
          <button
            type="button"
            class="secondary social-more"
            aria-disabled={loadingMore.busy}
            onClick={() => void loadingMore.run(() => loadRequests(next))}
          >
            {t('socialMore')}
          </button>
        ) : null}
      </section>
    </div>
  );
}
