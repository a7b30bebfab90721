// My points: the balance and the history, newest first, a page at a time ("more" appends; a
// second "more" while the next page is on its way does nothing; a page asked for before a reload
// is dropped when it comes, so it never joins the fresh list).
import { useRef, useState } from 'preact/hooks';
import { useOneAtATime } from '../../../lib/one-at-a-time.ts';
import type { LedgerEntryT } from '../../../lib/wire.ts';
import { useLoad, useStore } from './use-store.ts';

export interface PointsState {
  /** Null while loading (or when it could not be read: `error`). */
  balance: number | null;
  entries: LedgerEntryT[];
  /** Whether the first page came. */
  loaded: boolean;
  error: string | null;
  /** The cursor of the next page, or null on the last. */
  next: number | null;
  /** The next page is on its way. */
  loadingMore: boolean;
  loadMore(): void;
  reload(): void;
}

export function usePoints(): PointsState {
  const store = useStore();
  const points = useLoad(() => store.points(), [store]);
  const [more, setMore] = useState<{ entries: LedgerEntryT[]; next: number | null } | null>(null);
  const next = more ? more.next : (points.value?.nextCursor ?? null);
  const loading = useOneAtATime();
  /** Counts the reloads: a "more" page answers the list it was asked for, or is dropped. */
  const generation = useRef(0);
  return {
    balance: points.value?.balance ?? null,
    entries: [...(points.value?.entries ?? []), ...(more?.entries ?? [])],
    loaded: points.value !== null,
    error: points.error,
    next,
    loadingMore: loading.busy,
    loadMore: () => {
      if (next === null) return;
      const asked = generation.current;
      void loading.run(() =>
        store
          .points(next)
          .then((page) => {
            if (asked !== generation.current) return;
            setMore((m) => ({ entries: [...(m?.entries ?? []), ...page.entries], next: page.nextCursor }));
          })
          .catch(() => {}),
      );
    },
    reload: () => {
      generation.current++;
      setMore(null);
      points.reload();
    },
  };
}
