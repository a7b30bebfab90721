// My room's recent visitors (owner only): who came, on which day, newest first.
import type { RoomVisitorPage } from '@chat/contracts';
import { useEffect, useState } from 'preact/hooks';
import { Avatar } from '../../../components/avatar.tsx';
import { useI18n } from '../../../i18n/i18n.ts';
import { useRoomApi } from '../hooks/use-room-api.ts';

export function RecentVisitors({ onNavigate }: { onNavigate(path: string): void }) {
  const { t, name } = useI18n();
  const rooms = useRoomApi();
  const [page, setPage] = useState<RoomVisitorPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    rooms
      .visitors()
      .then((p) => live && setPage(p))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [rooms]);
  return (
    <section class="mh-panel" aria-labelledby="mh-visitors-title">
      <h3 id="mh-visitors-title">{t('roomVisitors')}</h3>
      {error ? (
        <p class="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {page && page.visitors.length === 0 ? <p class="mh-muted">{t('roomNoVisitors')}</p> : null}
      <ul class="mh-visitors" aria-label={t('roomVisitors')}>
        {(page?.visitors ?? []).map((v) => {
          const href = `/social/users/${v.user.id}/room`;
          return (
            <li key={`${v.user.id}-${v.day}`}>
              <a
                href={href}
                onClick={(e) => {
                  e.preventDefault();
                  onNavigate(href);
                }}
              >
                <Avatar name={name(v.user.nickname)} imageUrl={v.user.profileImageUrl} size="sm" />
                <span>{name(v.user.nickname)}</span>
              </a>
              <span class="mh-muted">{v.day}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
