// A room's guestbook as the page keeps it: newest first, pages appended without duplicates,
// entries written, hidden or deleted by me changed in place.
import type { GuestbookEntry, GuestbookPage } from '@chat/contracts';

export interface GuestbookState {
  readonly entries: readonly GuestbookEntry[];
  /** The next page's cursor; null on the last; undefined before the first page. */
  readonly nextCursor: number | null | undefined;
}

export const emptyGuestbook: GuestbookState = { entries: [], nextCursor: undefined };

export function appendPage(s: GuestbookState, page: GuestbookPage): GuestbookState {
  const seen = new Set(s.entries.map((e) => e.id));
  return {
    entries: [...s.entries, ...page.entries.filter((e) => !seen.has(e.id))],
    nextCursor: page.nextCursor,
  };
}

/** An entry I just wrote: on top. */
export const prepend = (s: GuestbookState, e: GuestbookEntry): GuestbookState => ({
  ...s,
  entries: [e, ...s.entries.filter((x) => x.id !== e.id)],
});

export const replace = (s: GuestbookState, e: GuestbookEntry): GuestbookState => ({
  ...s,
  entries: s.entries.map((x) => (x.id === e.id ? e : x)),
});

export const drop = (s: GuestbookState, id: number): GuestbookState => ({
  ...s,
  entries: s.entries.filter((x) => x.id !== id),
});

export const hasMore = (s: GuestbookState) => typeof s.nextCursor === 'number';

/** What I may do with an entry: delete mine; hide or show again in my room. */
export function entryActions(
  e: GuestbookEntry,
  me: number,
  mine: boolean,
): { delete: boolean; hide: boolean } {
  return { delete: e.author.id === me, hide: mine };
}

export function guestbookPath(owner: number, cursor?: number | null): string {
  return `/api/social/users/${owner}/guestbook?size=20${cursor ? `&cursor=${cursor}` : ''}`;
}
