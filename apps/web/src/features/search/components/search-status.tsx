import { useI18n } from '../../../i18n/i18n.ts';
import type { SearchState } from '../state/search-state.ts';

/** Under a result list: how many were found (announced), nothing found, failure, "more". */
export function SearchStatus<H>({ state, onMore }: { state: SearchState<H>; onMore(): void }) {
  const { t } = useI18n();
  const n = String(state.items.length);
  const found =
    state.status === 'done' && state.items.length > 0
      ? t(state.hasMore ? 'searchFoundMore' : 'searchFound').replace('{n}', n)
      : '';
  return (
    <>
      <p class="sr-only" role="status">
        {state.status === 'loading' ? t('searching') : found}
      </p>
      {state.status === 'done' && state.items.length === 0 ? (
        <p class="empty">{t('noMessagesFound')}</p>
      ) : null}
      {state.status === 'loading' && state.items.length === 0 ? (
        <p class="empty" aria-hidden="true">
          {t('searching')}
        </p>
      ) : null}
      {state.status === 'error' ? (
        <p class="field-error search-error" role="alert">
          {t('searchFailed')}
        </p>
      ) : null}
      {state.hasMore ? (
        <button
          type="button"
          class="secondary search-more"
          disabled={state.status === 'loading'}
          onClick={onMore}
        >
          {t('moreResults')}
        </button>
      ) : null}
    </>
  );
}
