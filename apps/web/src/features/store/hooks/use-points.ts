// My points: the balance and the history, newest first, a page at a time ("more" appends; a
// second "more" while the next page is on its way does nothing).
import { useState } from 'preact/hooks';
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
  return {
    balance: points.value?.balance ?? null,
    entries: [...(points.value?.entries ?? []), ...(more?.entries ?? [])],
    loaded: points.value !== null,
    error: points.error,
    next,
    loadingMore: loading.busy,
    loadMore: () => {
      if (next === null) return;
      void loading.run(() =>
        store
          .points(next)
          .then((page) =>
            setMore((m) => ({ entries: [...(m?.entries ?? []), ...page.entries], next: page.nextCursor })),
          )
          .catch(() => {}),
      );
    },
    reload: () => {
      setMore(null);
      points.reload();
    },
  };
}
