import type { MiniRoom, MiniRoomOwner } from '@chat/contracts';
import { assetImageUrl, toAssetRef } from '../assets/asset.presenter.ts';
import type { AssetRow } from '../assets/assets.repository.ts';
import type { DecorationRow, RoomRow } from './rooms.repository.ts';

export function toMiniRoom(
  row: RoomRow,
  decorations: readonly DecorationRow[],
  background: AssetRow | undefined,
  owner: MiniRoomOwner,
  viewerId: number,
): MiniRoom {
  return {
    owner,
    title: row.title ?? owner.nickname,
    theme: row.theme,
    background: {
      color: background ? null : (row.background_color ?? '#FFFFFF'),
      asset: background ? toAssetRef(background) : null,
    },
    intro: row.intro,
    decorations: decorations.map((d) => ({
      asset: {
        id: d.asset_id,
        kind: d.kind,
        category: d.category,
        name: d.name,
        imageUrl: assetImageUrl(d.asset_id),
      },
      x: d.x,
      y: d.y,
      z: d.z,
    })),
    visitors: { today: row.today, total: row.total },
    mine: owner.id === viewerId,
    updatedAt: row.updated_at.toISOString(),
  };
}
