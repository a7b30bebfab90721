import { useState } from 'preact/hooks';
import { useServices } from '../../../app/services.ts';
import { Avatar } from '../../../components/avatar.tsx';
import { PeopleQuery, usePeopleSearch } from '../../../components/people-query.tsx';
import { useI18n } from '../../../i18n/i18n.ts';
import type { RoomDetail } from '../../../lib/wire.ts';

interface Props {
  onOpenRoom(roomId: number): void;
  onOpenProfile(userId: number): void;
}

export function PeopleSearch({ onOpenRoom, onOpenProfile }: Props) {
  const { t } = useI18n();
  const { api } = useServices();
  const [query, setQuery] = useState('');
  const { people, error, setError } = usePeopleSearch(query);

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
      <PeopleQuery id="people-query" query={query} error={error} onQuery={setQuery} />
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
