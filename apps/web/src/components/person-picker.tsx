// One person picked through the client's people search (a gift's receiver, a user granted
// points or an asset): the search and its results until one is picked, then that person and a
// button to pick again.
import { useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n.ts';
import { Avatar } from './avatar.tsx';
import { PeopleQuery, usePeopleSearch } from './people-query.tsx';

export interface PickedPerson {
  readonly id: number;
  readonly nickname: string;
}

interface Props {
  id: string;
  label: string;
  /** The button that drops the pick to search again. */
  changeLabel: string;
  value: PickedPerson | null;
  onChange(person: PickedPerson | null): void;
}

export function PersonPicker({ id, label, changeLabel, value, onChange }: Props) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const { people, error } = usePeopleSearch(value ? '' : query);
  if (value) {
    return (
      <fieldset class="recipient">
        <legend>{label}</legend>
        <p class="recipient-chosen">
          <Avatar name={value.nickname} size="sm" />
          <span data-testid={`${id}-chosen`}>{value.nickname}</span>
          <button
            type="button"
            class="link"
            onClick={() => {
              setQuery('');
              onChange(null);
            }}
          >
            {changeLabel}
          </button>
        </p>
      </fieldset>
    );
  }
  return (
    <fieldset class="recipient">
      <legend>{label}</legend>
      <PeopleQuery id={`${id}-query`} query={query} error={error} onQuery={setQuery} />
      {people && people.length === 0 ? <p class="empty">{t('noResults')}</p> : null}
      {people && people.length > 0 ? (
        <ul class="picker-list recipient-list">
          {people.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                class="person-open"
                onClick={() => onChange({ id: p.id, nickname: p.nickname })}
              >
                <Avatar name={p.nickname} imageUrl={p.profileImageUrl} size="sm" />
                <span class="room-main">
                  <span class="room-title">{p.nickname}</span>
                  <span class="room-preview">{p.statusMessage ?? ''}</span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </fieldset>
  );
}
