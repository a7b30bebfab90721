// People search with picks: results toggle a pick, picks show as removable chips.
import { useState } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n.ts';
import { Avatar } from '../avatar.tsx';
import { PeopleQuery, usePeopleSearch } from '../people-query.tsx';
import { isPicked, type Selection, toggle, unpick } from './selection.ts';

interface Props {
  id: string;
  selection: Selection;
  onChange(s: Selection): void;
}

export function PeoplePicker({ id, selection, onChange }: Props) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  // Me never; people already in the room are listed, but cannot be picked.
  const { people, error } = usePeopleSearch(query);
  const shown = people ?? [];
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
      <PeopleQuery id={`${id}-query`} query={query} error={error} onQuery={setQuery} />
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
