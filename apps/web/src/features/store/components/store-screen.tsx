// The emoticon shop in the main pane: its header (back, title, shop / my emoticons) and the page
// the address names.
import type { ComponentChildren } from 'preact';
import { useI18n } from '../../../i18n/i18n.ts';
import { parentOf, type StorePage, storePath } from '../state/routes.ts';
import { Catalog } from './catalog.tsx';
import { ItemPage } from './item-page.tsx';
import { MyStore } from './my-store.tsx';
import { OrderPage } from './order-page.tsx';
import { TopUpPage } from './top-up-page.tsx';

interface Props {
  page: StorePage;
  onNavigate(path: string): void;
  /** Leaves the shop (the catalog's back button). */
  onBack(): void;
  /** The notification bell, at the header's end on narrow screens (composed by the app). */
  bell?: ComponentChildren;
}

export function StoreScreen({ page, onNavigate, onBack, bell }: Props) {
  const { t } = useI18n();
  const go = (p: StorePage) => onNavigate(storePath(p));
  const parent = parentOf(page);
  const link = (target: StorePage, label: string, current: boolean) => (
    <a
      href={storePath(target)}
      aria-current={current ? 'page' : undefined}
      onClick={(e) => {
        e.preventDefault();
        go(target);
      }}
    >
      {label}
    </a>
  );
  return (
    <section class="account store" aria-labelledby="store-title">
      <header class="room-header store-header">
        <button
          type="button"
          class={`icon back${parent ? ' store-back' : ''}`}
          aria-label={t('back')}
          onClick={() => (parent ? go(parent) : onBack())}
        >
          ‹
        </button>
        <h2 id="store-title">{t('storeTitle')}</h2>
        {bell}
        <nav class="tabs store-tabs" aria-label={t('storeTitle')}>
          {link({ kind: 'catalog' }, t('storeShop'), page.kind === 'catalog' || page.kind === 'item')}
          {link(
            { kind: 'me' },
            t('storeMine'),
            page.kind === 'me' || page.kind === 'order' || page.kind === 'points',
          )}
        </nav>
      </header>
      <div class="account-body store-body">
        {page.kind === 'catalog' ? (
          <Catalog onOpenItem={(id) => go({ kind: 'item', id })} />
        ) : page.kind === 'item' ? (
          <ItemPage
            key={page.id}
            id={page.id}
            onOpenOrder={(id) => go({ kind: 'order', id })}
            onOpenMine={() => go({ kind: 'me' })}
          />
        ) : page.kind === 'order' ? (
          <OrderPage key={page.id} id={page.id} onOpenItem={(id) => go({ kind: 'item', id })} />
        ) : page.kind === 'points' ? (
          <TopUpPage />
        ) : (
          <MyStore
            onOpenOrder={(id) => go({ kind: 'order', id })}
            onOpenItem={(id) => go({ kind: 'item', id })}
            onOpenShop={() => go({ kind: 'catalog' })}
            onOpenTopUp={() => go({ kind: 'points' })}
          />
        )}
      </div>
    </section>
  );
}
