// Search in the open room: a panel under the room's header with the box and the messages found
// (sender, when, the text with the matches marked), newest first.
import { useCallback, useMemo, useState } from 'preact/hooks';
import { useServices } from '../../../app/services.ts';
import { useI18n } from '../../../i18n/i18n.ts';
import type { Message } from '../../../lib/wire.ts';
import { useSearch } from '../hooks/use-search.ts';
import { matchRanges } from '../state/highlight.ts';
import { searchQuery } from '../state/search-state.ts';
import { whenLabel } from '../state/when.ts';
import { Highlighted } from './highlighted.tsx';
import { SearchStatus } from './search-status.tsx';

const PAGE = 20;
const keyOf = (m: Message) => m.id;

export function RoomSearch({ roomId }: { roomId: number }) {
  const { t, lang } = useI18n();
  const { api } = useServices();
  const [typed, setTyped] = useState('');
  const fetchPage = useCallback(
    async (q: string, cursor: number | null) => {
      const found = await api.request<Message[]>(
        'GET',
        `/api/rooms/${roomId}/messages/search?q=${encodeURIComponent(q)}&size=${PAGE}${cursor ? `&cursor=${cursor}` : ''}`,
      );
      // The in-room answer is a plain list: a full page may have more after it.
      return { items: found, hasMore: found.length === PAGE, nextCursor: found.at(-1)?.id ?? null };
    },
    [api, roomId],
  );
  const { state, loadMore } = useSearch(typed, fetchPage, keyOf);
  const now = useMemo(() => new Date(), [state.items]);
  const query = searchQuery(typed);

  return (
    <aside class="members-panel room-search" aria-label={t('searchInRoom')}>
      <search>
        <label class="sr-only" for="room-search">
          {t('searchInRoom')}
        </label>
        <input
          id="room-search"
          class="search"
          type="search"
          placeholder={t('searchInRoom')}
          maxLength={100}
          value={typed}
          // biome-ignore lint/a11y/noAutofocus: the panel opens to type in it
          autoFocus
          onInput={(e) => setTyped((e.target as HTMLInputElement).value)}
        />
      </search>
      {query === '' ? null : (
        <>
          <ul class="search-results">
            {state.items.map((m) => (
              <li key={m.id} class="search-hit">
                <span class="room-main">
                  <span class="hit-head">
                    <span class="room-title">{m.senderNickname}</span>
                    <span class="hit-time">{whenLabel(m.createdAt, now, lang)}</span>
                  </span>
                  <span class="hit-text hit-full">
                    <Highlighted text={m.content} ranges={matchRanges(m.content, state.query)} />
                  </span>
                </span>
              </li>
            ))}
          </ul>
          <SearchStatus state={state} onMore={loadMore} />
        </>
      )}
    </aside>
  );
}
