import { useEffect, useState } from 'preact/hooks';
import { useServices } from '../../../app/services.ts';
import { Avatar } from '../../../components/avatar.tsx';
import { useI18n } from '../../../i18n/i18n.ts';
import type { PublicProfile, RoomDetail } from '../../../lib/wire.ts';

interface Props {
  onOpenRoom(roomId: number): void;
  onOpenProfile(userId: number): void;
}

export function PeopleSearch({ onOpenRoom, onOpenProfile }: Props) {
  const { t } = useI18n();
  const { api, me } = useServices();
  const [query, setQuery] = useState('');
  const [people, setPeople] = useState<PublicProfile[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const q = query.trim();
    if (!q) return setPeople(null);
    let live = true;
    const timer = setTimeout(async () => {
      try {
        const found = await api.request<PublicProfile[]>(
          'GET',
          `/api/users?query=${encodeURIComponent(q)}&size=20`,
        );
        if (live) setPeople(found.filter((p) => p.id !== me.userId));
        setError(null);
      } catch (e) {
        if (live) setError((e as Error).message);
      }
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, api, me.userId]);

  const open = async (userId: number) => {
    try {
      const room = await api.request<RoomDetail>('POST', '/api/rooms/direct', { targetUserId: userId });
      onOpenRoom(room.id);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <section class="people">
      <label class="sr-only" for="people-query">
        {t('searchPeople')}
      </label>
      <input
        id="people-query"
        class="search"
        type="search"
        placeholder={t('searchPeople')}
        value={query}
        onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
      />
      {error ? (
        <p role="alert" class="field-error">
          {error}
        </p>
      ) : null}
      {people && people.length === 0 ? <p class="empty">{t('noResults')}</p> : null}
      <ul class="people-list">
        {(people ?? []).map((p) => (
          <li key={p.id} class="person">
            <button
              type="button"
              class="person-open"
              aria-label={`${t('viewProfile')} ${p.nickname}`}
              onClick={() => onOpenProfile(p.id)}
            >
              <Avatar name={p.nickname} imageUrl={p.profileImageUrl} />
              <span class="room-main">
                <span class="room-title">{p.nickname}</span>
                <span class="room-preview">{p.statusMessage ?? ''}</span>
              </span>
            </button>
            <button type="button" class="secondary" onClick={() => void open(p.id)}>
              {t('startChat')}
              <span class="sr-only"> {p.nickname}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
