import type { MetaAssetRef } from '@chat/contracts';
import { assetImageUrl } from '../assets/asset.presenter.ts';
import type { WornItemRow } from './avatars.repository.ts';

/** The worn items as the API shows them, in drawing order. */
export function toAvatarItems(rows: readonly WornItemRow[]): MetaAssetRef[] {
  return rows.map((r) => ({
    id: r.asset_id,
    kind: r.kind,
    category: r.category,
    name: r.name,
    imageUrl: assetImageUrl(r.asset_id),
  }));
}
