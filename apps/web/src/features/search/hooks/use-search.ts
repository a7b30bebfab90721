// A search as the user types: the request goes 300 ms after the last keystroke, answers of
// older queries are dropped, and further pages are asked by cursor.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import {
  begin,
  fail,
  idle,
  type Page,
  receive,
  type SearchState,
  searchQuery,
} from '../state/search-state.ts';

export type FetchPage<H> = (query: string, cursor: number | null) => Promise<Page<H>>;

export function useSearch<H>(
  typed: string,
  fetchPage: FetchPage<H>,
  keyOf: (hit: H) => number,
  delayMs = 300,
) {
  const [state, setState] = useState<SearchState<H>>(idle);
  const current = useRef(state);
  const commit = useCallback((next: SearchState<H>) => {
    current.current = next;
    setState(next);
  }, []);

  const run = useCallback(
    (query: string, more: boolean) => {
      const started = begin(current.current, query, more);
      commit(started);
      if (query === '') return;
      fetchPage(query, more ? started.nextCursor : null).then(
        (page) => commit(receive(current.current, started.request, page, keyOf, more)),
        () => commit(fail(current.current, started.request)),
      );
    },
    [commit, fetchPage, keyOf],
  );

  useEffect(() => {
    const query = searchQuery(typed);
    if (query === current.current.query && current.current.status !== 'error') return;
    if (query === '') return run('', false);
    const timer = setTimeout(() => run(query, false), delayMs);
    return () => clearTimeout(timer);
  }, [typed, run, delayMs]);

  const loadMore = useCallback(() => {
    const s = current.current;
    if (s.hasMore && s.status !== 'loading') run(s.query, true);
  }, [run]);

  return { state, loadMore };
}
