// Every asset, withdrawn ones too, newest first: a kind to show, a page at a time ("load more").
// Each row opens its administration below it.
import type { MetaAsset, MetaAssetKind } from '@chat/contracts';
import { useI18n } from '../../../i18n/i18n.ts';
import { ASSET_KINDS } from '../state/asset-form.ts';
import { type AssetList, imageSrc } from '../state/asset-list.ts';
import { AssetPanel } from './asset-panel.tsx';

interface Props {
  kind: MetaAssetKind | null;
  onKind(kind: MetaAssetKind | null): void;
  list: AssetList;
  error: string | null;
  loading: boolean;
  onMore(): void;
  open: number | null;
  onOpen(id: number | null): void;
  versions: Readonly<Record<number, number>>;
  onChanged(asset: MetaAsset): void;
  onImage(asset: MetaAsset): void;
}

export function AssetListSection(p: Props) {
  const { t } = useI18n();
  return (
    <section class="account-section" aria-labelledby="asset-list-title">
      <div class="asset-list-head">
        <h3 id="asset-list-title">{t('assetList')}</h3>
        <div class="field asset-filter">
          <label for="asset-filter-kind">{t('assetFilterKind')}</label>
          <select
            id="asset-filter-kind"
            value={p.kind ?? ''}
            onChange={(e) =>
              p.onKind(((e.target as HTMLSelectElement).value || null) as MetaAssetKind | null)
            }
          >
            <option value="">{t('assetKindAll')}</option>
            {ASSET_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`assetKind${k}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {p.error ? (
        <p class="field-error" role="alert">
          {p.error}
        </p>
      ) : null}
      {!p.list.loaded ? (
        p.error ? null : (
          <p class="empty">…</p>
        )
      ) : p.list.assets.length === 0 ? (
        <p class="empty">{t('assetNone')}</p>
      ) : (
        <ul class="admin-list" aria-label={t('assetList')}>
          {p.list.assets.map((a) => {
            const open = p.open === a.id;
            return (
              <li key={a.id} class="admin-item asset-item">
                <img class="asset-thumb" src={imageSrc(a, p.versions[a.id])} alt="" width={48} height={48} />
                <span class="admin-item-main">
                  <span class="admin-item-title">{a.name}</span>
                  <span class="session-time">
                    #{a.id} · {t(`assetKind${a.kind}`)} · {a.category}
                  </span>
                </span>
                <span class={`store-badge${a.active ? ' owned' : ' status-cancelled'}`}>
                  {a.active ? t('assetActive') : t('assetWithdrawn')}
                </span>
                <button
                  type="button"
                  class="secondary"
                  aria-expanded={open}
                  aria-controls={open ? `asset-${a.id}-panel` : undefined}
                  aria-label={`${open ? t('assetClose') : t('assetManage')}: ${a.name}`}
                  onClick={() => p.onOpen(open ? null : a.id)}
                >
                  {open ? t('assetClose') : t('assetManage')}
                </button>
                {open ? (
                  <AssetPanel
                    asset={a}
                    imageVersion={p.versions[a.id] ?? 0}
                    onChanged={p.onChanged}
                    onImage={p.onImage}
                  />
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {p.list.nextCursor !== null ? (
        <button type="button" class="secondary" disabled={p.loading} onClick={p.onMore}>
          {t('assetMore')}
        </button>
      ) : null}
    </section>
  );
}
