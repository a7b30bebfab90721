// People search with picks: results toggle a pick, picks show as removable chips.
import { useEffect, useState } from 'preact/hooks';
import { useServices } from '../../app/services.ts';
import { useI18n } from '../../i18n/i18n.ts';
import type { PublicProfile } from '../../lib/wire.ts';
import { Avatar } from '../avatar.tsx';
import { isPicked, type Selection, toggle, unpick } from './selection.ts';

interface Props {
  id: string;
  selection: Selection;
  onChange(s: Selection): void;
}

export function PeoplePicker({ id, selection, onChange }: Props) {
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
        if (live) setPeople(found);
        if (live) setError(null);
      } catch (e) {
        if (live) setError((e as Error).message);
      }
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, api]);

  // Me never; people already in the room are listed, but cannot be picked.
  const shown = (people ?? []).filter((p) => p.id !== me.userId);
  return (
    <div class="picker">
      {selection.picked.length > 0 ? (
        <ul class="chips" aria-label={t('picked')}>
          {selection.picked.map((p) => (
            <li key={p.id} class="chip">
              {p.nickname}
              <button
                type="button"
                class="chip-remove"
                aria-label={`${t('removePick')} ${p.nickname}`}
                onClick={() => onChange(unpick(selection, p.id))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <label class="sr-only" for={`${id}-query`}>
        {t('searchPeople')}
      </label>
      <input
        id={`${id}-query`}
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
      {people && shown.length === 0 ? <p class="empty">{t('noResults')}</p> : null}
      <ul class="picker-list">
        {shown.map((p) => {
          const already = selection.excluded.has(p.id);
          const on = already || isPicked(selection, p.id);
          return (
            <li key={p.id}>
              <label class={`person pickable${already ? ' already' : ''}`}>
                <input
                  type="checkbox"
                  checked={on}
                  disabled={already}
                  onChange={() => onChange(toggle(selection, { id: p.id, nickname: p.nickname }))}
                />
                <Avatar name={p.nickname} imageUrl={p.profileImageUrl} size="sm" />
                <span class="room-main">
                  <span class="room-title">{p.nickname}</span>
                  <span class="room-preview">{already ? t('alreadyMember') : (p.statusMessage ?? '')}</span>
                </span>
              </label>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
