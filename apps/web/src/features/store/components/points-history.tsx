// My points' movements, newest first: what kind each is and why, in the reader's language (an
// administrator's own words for a grant stay as written, after the translated kind). "More"
// appends the next page and puts the focus on the first entry it brought: the last page takes
// the button away, and the focus must not fall to the page's top with it.
import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../../../i18n/i18n.ts';
import type { PointsState } from '../hooks/use-points.ts';
import { pointsLabel } from '../state/catalog.ts';
import { signedPoints } from '../state/orders.ts';
import { reasonText } from '../state/reasons.ts';

export function PointsHistory({ points }: { points: PointsState }) {
  const { t, lang } = useI18n();
  const locale = lang === 'ko' ? 'ko-KR' : 'en-US';
  const list = useRef<HTMLUListElement>(null);
  /** The index of the first entry the page asked for with "more" will bring, until it came. */
  const firstNew = useRef<number | null>(null);
  const count = points.entries.length;
  useEffect(() => {
    const index = firstNew.current;
    if (index === null || count <= index) return;
    firstNew.current = null;
    (list.current?.children[index] as HTMLElement | undefined)?.focus();
  }, [count]);
  return (
    <section class="store-section" aria-labelledby="store-ledger-title">
      <h3 id="store-ledger-title">{t('storePointsHistory')}</h3>
      {points.error ? (
        <p class="field-error" role="alert">
          {points.error}
        </p>
      ) : null}
      {points.loaded && points.entries.length === 0 ? <p class="empty">{t('storeNoEntries')}</p> : null}
      {points.entries.length > 0 ? (
        <ul class="ledger" aria-label={t('storePointsHistory')} ref={list}>
          {points.entries.map((e) => {
            const why = reasonText(e.reason, t, (n) => pointsLabel(n, lang));
            return (
              // tabIndex -1: focusable from here (see "more"), not a Tab stop.
              <li key={e.id} class="ledger-entry" data-testid="ledger-entry" tabIndex={-1}>
                <span class="ledger-main">
                  <span class="admin-item-title">{t(`storeKind_${e.kind}`)}</span>
                  <span class="session-time">
                    <time dateTime={e.at}>{new Date(e.at).toLocaleString(locale)}</time>
                    {why ? ` · ${why}` : ''}
                  </span>
                </span>
                <span class={`ledger-amount${e.amount < 0 ? ' out' : ''}`}>
                  {signedPoints(e.amount, locale)}
                </span>
              </li>
            );
          })}
        </ul>
      ) : null}
      {points.next !== null ? (
        <button
          type="button"
          class="secondary store-more"
          aria-disabled={points.loadingMore}
          onClick={() => {
            firstNew.current = count;
            points.loadMore();
          }}
        >
          {t('storeMore')}
        </button>
      ) : null}
    </section>
  );
}
