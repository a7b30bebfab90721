// One search as the user types: the query asked, the results so far (pages appended by
// cursor), and the answers of older queries or pages dropped.

export interface Page<H> {
  items: readonly H[];
  hasMore: boolean;
  nextCursor: number | null;
}

export interface SearchState<H> {
  /** The query (trimmed) the results are for; '' when nothing is searched. */
  query: string;
  items: H[];
  hasMore: boolean;
  nextCursor: number | null;
  status: 'idle' | 'loading' | 'done' | 'error';
  /** Which request is awaited: a later one makes earlier answers stale. */
  request: number;
}

export const idle = <H>(): SearchState<H> => ({
  query: '',
  items: [],
  hasMore: false,
  nextCursor: null,
  status: 'idle',
  request: 0,
});

/** What is sent for what was typed: control characters as spaces, trimmed. */
export function searchQuery(typed: string): string {
  return typed.replace(/\p{Cc}/gu, ' ').trim();
}

/** A new query (first page) or the next page of the same query. */
export function begin<H>(s: SearchState<H>, query: string, more = false): SearchState<H> {
  if (more) return { ...s, status: 'loading', request: s.request + 1 };
  if (query === '') return { ...idle<H>(), request: s.request + 1 };
  return { ...idle<H>(), query, status: 'loading', request: s.request + 1 };
}

/**
 * The answer of request `request`: ignored unless it is the one awaited. A next page is
 * appended, leaving out hits already shown (`keyOf`: a message may show once only).
 */
export function receive<H>(
  s: SearchState<H>,
  request: number,
  page: Page<H>,
  keyOf: (hit: H) => number,
  more = false,
): SearchState<H> {
  if (request !== s.request) return s;
  const seen = new Set(more ? s.items.map(keyOf) : []);
  const fresh = page.items.filter((h) => !seen.has(keyOf(h)));
  return {
    ...s,
    items: more ? [...s.items, ...fresh] : [...fresh],
    hasMore: page.hasMore,
    nextCursor: page.nextCursor,
    status: 'done',
  };
}

/** Request `request` failed (a stale one is ignored); results shown so far stay. */
export function fail<H>(s: SearchState<H>, request: number): SearchState<H> {
  return request === s.request ? { ...s, status: 'error' } : s;
}
