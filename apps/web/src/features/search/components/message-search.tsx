// Search in all my rooms, on the chat list: the box, then the results in place of the list
// (room, sender, when, the snippet with the matches marked); a result opens its room.
import type { ComponentChildren } from 'preact';
import { useCallback, useMemo, useState } from 'preact/hooks';
import { useServices } from '../../../app/services.ts';
import { Avatar } from '../../../components/avatar.tsx';
import { useI18n } from '../../../i18n/i18n.ts';
import type { MessageSearchHit, MessageSearchPage } from '../../../lib/wire.ts';
import { useSearch } from '../hooks/use-search.ts';
import { searchQuery } from '../state/search-state.ts';
import { whenLabel } from '../state/when.ts';
import { Highlighted } from './highlighted.tsx';
import { SearchStatus } from './search-status.tsx';

const SEARCH_MAX = 100;
const keyOf = (hit: MessageSearchHit) => hit.message.id;

/** A room as a result names it: its name, or the other member of a 1:1 room. */
export function hitRoomTitle(room: MessageSearchHit['room']): string {
  return room.name ?? room.peer?.nickname ?? '';
}

interface Props {
  onOpenRoom(roomId: number): void;
  /** What shows while the box is empty (the chat list). */
  children: ComponentChildren;
}

export function MessageSearch({ onOpenRoom, children }: Props) {
  const { t, lang } = useI18n();
  const { api } = useServices();
  const [typed, setTyped] = useState('');
  const fetchPage = useCallback(
    async (q: string, cursor: number | null) => {
      const page = await api.request<MessageSearchPage>(
        'GET',
        `/api/rooms/messages/search?q=${encodeURIComponent(q)}&size=20${cursor ? `&cursor=${cursor}` : ''}`,
      );
      return { items: page.results, hasMore: page.hasMore, nextCursor: page.nextCursor };
    },
    [api],
  );
  const { state, loadMore } = useSearch(typed, fetchPage, keyOf);
  const now = useMemo(() => new Date(), [state.items]);

  return (
    <>
      <search class="message-search">
        <label class="sr-only" for="message-search">
          {t('searchMessages')}
        </label>
        <input
          id="message-search"
          class="search"
          type="search"
          placeholder={t('searchMessages')}
          maxLength={SEARCH_MAX}
          value={typed}
          onInput={(e) => setTyped((e.target as HTMLInputElement).value)}
        />
      </search>
      {searchQuery(typed) === '' ? (
        children
      ) : (
        <section class="search-panel" aria-label={t('searchResults')}>
          <ul class="search-results">
            {state.items.map((hit) => (
              <li key={hit.message.id}>
                <a
                  class="search-hit"
                  href={`/rooms/${hit.room.id}`}
                  onClick={(e) => {
                    e.preventDefault();
                    onOpenRoom(hit.room.id);
                  }}
                >
                  <Avatar name={hitRoomTitle(hit.room)} />
                  <span class="room-main">
                    <span class="hit-head">
                      <span class="room-title">{hitRoomTitle(hit.room)}</span>
                      <span class="hit-time">{whenLabel(hit.message.createdAt, now, lang)}</span>
                    </span>
                    <span class="hit-text">
                      <span class="hit-sender">{hit.message.senderNickname}: </span>
                      <Highlighted text={hit.snippet} ranges={hit.highlights} />
                    </span>
                  </span>
                </a>
              </li>
            ))}
          </ul>
          <SearchStatus state={state} onMore={loadMore} />
        </section>
      )}
    </>
  );
}
