// The administrator's list of meta assets (withdrawn ones too, newest first): the request path
// for a kind and a cursor, pages appended without duplicates, an asset created or changed put in
// its place, and an image's address that changes when a new image is uploaded. Framework-free.
import type { MetaAsset, MetaAssetKind, MetaAssetPage } from '@chat/contracts';

export const ASSET_PAGE_SIZE = 20;

export interface AssetList {
  readonly assets: readonly MetaAsset[];
  /** The next page's cursor; null on the last page. */
  readonly nextCursor: number | null;
  /** Whether the first page has been answered. */
  readonly loaded: boolean;
}

export const emptyAssetList: AssetList = { assets: [], nextCursor: null, loaded: false };

/** `GET /api/social/admin/assets` of a kind (null: every kind), from `cursor` when given. */
export function adminAssetsPath(
  kind: MetaAssetKind | null,
  cursor: number | null = null,
  size = ASSET_PAGE_SIZE,
): string {
  const params = new URLSearchParams();
  if (kind) params.set('kind', kind);
  if (cursor !== null) params.set('cursor', String(cursor));
  params.set('size', String(size));
  return `/api/social/admin/assets?${params}`;
}

/** A page after the ones shown: assets already shown (one created meanwhile) are not repeated. */
export function withPage(list: AssetList, page: MetaAssetPage): AssetList {
  const seen = new Set(list.assets.map((a) => a.id));
  return {
    assets: [...list.assets, ...page.assets.filter((a) => !seen.has(a.id))],
    nextCursor: page.nextCursor,
    loaded: true,
  };
}

/**
 * An asset as the server now has it: replaced where it is shown; a new one (just created) goes
 * first, newest first like the list, when it is of the kind shown.
 */
export function withAsset(list: AssetList, asset: MetaAsset, kind: MetaAssetKind | null): AssetList {
  if (list.assets.some((a) => a.id === asset.id)) {
    return { ...list, assets: list.assets.map((a) => (a.id === asset.id ? asset : a)) };
  }
  if (kind !== null && asset.kind !== kind) return list;
  return { ...list, assets: [asset, ...list.assets] };
}

/**
 * The image's address, changed once a new image is uploaded (`version` > 0): the server lets
 * the old one be cached for a few minutes under the same address.
 */
export function imageSrc(asset: Pick<MetaAsset, 'imageUrl'>, version = 0): string {
  if (version <= 0) return asset.imageUrl;
  return `${asset.imageUrl}${asset.imageUrl.includes('?') ? '&' : '?'}v=${version}`;
}
