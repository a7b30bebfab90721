import type { MetaAsset, MetaAssetRef, OwnedMetaAsset } from '@chat/contracts';
import type { AssetRow, OwnedAssetRow } from './assets.repository.ts';

/** Public: the uploaded image, or a placeholder SVG until there is one. */
export const assetImageUrl = (assetId: number) => `/api/social/assets/${assetId}/image`;

export function toAssetRef(row: AssetRow): MetaAssetRef {
  return {
    id: row.id,
    kind: row.kind,
    category: row.category,
    name: row.name,
    imageUrl: assetImageUrl(row.id),
  };
}

export function toAsset(row: AssetRow, owned: boolean): MetaAsset {
  return { ...toAssetRef(row), description: row.description, active: row.active, owned };
}

export function toOwnedAsset(row: OwnedAssetRow): OwnedMetaAsset {
  return { ...toAsset(row, true), source: row.source, acquiredAt: row.acquired_at.toISOString() };
}
