import type { MetaAssetKind } from '@chat/contracts';
import type { SqlExecutor } from '@chat/platform';
import { AVATARS_SQL } from './avatars.queries.ts';

/** A worn item with its asset. */
export interface WornItemRow {
  asset_id: number;
  kind: MetaAssetKind;
  category: string;
  name: string;
}

/** An item to put on: the asset and its category (one per category). */
export interface ItemToWear {
  readonly assetId: number;
  readonly category: string;
}

export function createAvatarsRepository(db: SqlExecutor) {
  return {
    /** Holds the user's avatar for a change until `tx` ends (concurrent changes take turns). */
    async lock(tx: SqlExecutor, userId: number): Promise<void> {
      await tx.query(AVATARS_SQL.lock, [`social.avatar:${userId}`]);
    },

    /** What the user wears, in drawing order (bottom first). */
    async worn(userId: number, tx: SqlExecutor = db): Promise<WornItemRow[]> {
      const { rows } = await tx.query<WornItemRow>(AVATARS_SQL.worn, [userId]);
      return rows.map((r) => ({ ...r, asset_id: Number(r.asset_id) }));
    },

    /** Replaces what the user wears with `items`, in their order (the caller holds `lock`). */
    async replace(tx: SqlExecutor, userId: number, items: readonly ItemToWear[]): Promise<void> {
      await tx.query(AVATARS_SQL.takeOff, [userId]);
      if (items.length === 0) return;
      await tx.query(AVATARS_SQL.wear, [userId, items.map((i) => i.assetId), items.map((i) => i.category)]);
    },
  };
}

export type AvatarsRepository = ReturnType<typeof createAvatarsRepository>;
