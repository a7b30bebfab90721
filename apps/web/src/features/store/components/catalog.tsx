// The shop's front: search (250 ms after the last keystroke), categories, and the packs as
// cards, a page at a time.
import { useEffect, useState } from 'preact/hooks';
import { EmoticonImage } from '../../../components/emoticon-image.tsx';
import { useI18n } from '../../../i18n/i18n.ts';
import { useOneAtATime } from '../../../lib/one-at-a-time.ts';
import type { StoreItemSummary } from '../../../lib/wire.ts';
import { useLoad, useStore } from '../hooks/use-store.ts';
import { appendPage, type CatalogFilter, pointsLabel, QUERY_MAX } from '../state/catalog.ts';

export function Catalog({ onOpenItem }: { onOpenItem(id: number): void }) {
  const { t } = useI18n();
  const store = useStore();
  const [typed, setTyped] = useState('');
  const [filter, setFilter] = useState<CatalogFilter>({ q: '', category: null });
  const [items, setItems] = useState<StoreItemSummary[] | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const loadingMore = useOneAtATime();
  const categories = useLoad(() => store.categories(), [store]);

  useEffect(() => {
    const timer = setTimeout(() => setFilter((f) => (f.q === typed ? f : { ...f, q: typed })), 250);
    return () => clearTimeout(timer);
  }, [typed]);

  // The packs shown stay (marked busy) while the next search loads: the list does not blink
  // away under the pointer at each keystroke's search.
  const [searching, setSearching] = useState(false);
  useEffect(() => {
    let live = true;
    setSearching(true);
    store
      .catalog(filter)
      .then((page) => {
        if (!live) return;
        setItems(page.items);
        setNext(page.nextCursor);
        setError(null);
      })
      .catch((e: Error) => live && setError(e.message))
      .finally(() => live && setSearching(false));
    return () => {
      live = false;
    };
  }, [store, filter]);

  const more = () =>
    next !== null &&
    loadingMore.run(async () => {
      try {
        const page = await store.catalog(filter, next);
        setItems((shown) => appendPage(shown ?? [], page.items));
        setNext(page.nextCursor);
      } catch (e) {
        setError((e as Error).message);
      }
    });

  const chip = (name: string | null, label: string) => (
    <li key={name ?? ''}>
      <button
        type="button"
        class="store-chip"
        aria-pressed={filter.category === name}
        onClick={() => setFilter((f) => ({ ...f, category: name }))}
      >
        {label}
      </button>
    </li>
  );

  return (
    <div class="store-catalog">
      <label class="sr-only" for="store-search">
        {t('storeSearch')}
      </label>
      <input
        id="store-search"
        class="search"
        type="search"
        maxLength={QUERY_MAX}
        placeholder={t('storeSearch')}
        value={typed}
        onInput={(e) => setTyped((e.target as HTMLInputElement).value)}
      />
      {categories.value && categories.value.categories.length > 0 ? (
        <ul class="store-chips" aria-label={t('storeCategories')}>
          {chip(null, t('storeAllCategories'))}
          {categories.value.categories.map((c) => chip(c.name, c.name))}
        </ul>
      ) : null}
      {error ? (
        <p class="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {items === null ? (
        error ? null : (
          <p class="empty">…</p>
        )
      ) : items.length === 0 ? (
        <p class="empty">{t('storeNoItems')}</p>
      ) : (
        <ul class="store-grid" aria-label={t('storeItems')} aria-busy={searching}>
          {items.map((item) => (
            <li key={item.id}>
              <ItemCard item={item} onOpen={() => onOpenItem(item.id)} />
            </li>
          ))}
        </ul>
      )}
      {next !== null && items ? (
        <button
          type="button"
          class="secondary store-more"
          aria-disabled={loadingMore.busy}
          onClick={() => void more()}
        >
          {t('storeMore')}
        </button>
      ) : null}
    </div>
  );
}

function ItemCard({ item, onOpen }: { item: StoreItemSummary; onOpen(): void }) {
  const { t, lang } = useI18n();
  return (
    <a
      class="store-card"
      href={`/store/items/${item.id}`}
      onClick={(e) => {
        e.preventDefault();
        onOpen();
      }}
    >
      <EmoticonImage imageUrl={item.cover.imageUrl} alt={item.cover.alt} />
      <span class="store-card-title">{item.title}</span>
      <span class="store-card-artist">{item.artist}</span>
      <span class="store-card-price">
        {item.owned ? (
          <span class="store-badge owned">{t('storeOwned')}</span>
        ) : !item.onSale ? (
          <span class="store-badge">{t('storeNotOnSale')}</span>
        ) : (
          pointsLabel(item.price, lang)
        )}
      </span>
    </a>
  );
}
