import type {
  CreateMetaAssetBody,
  MetaAssetKind,
  MetaAssetSource,
  UpdateMetaAssetBody,
} from '@chat/contracts';
import type { SqlExecutor } from '@chat/platform';
import { ASSETS_SQL } from './assets.queries.ts';

export interface AssetRow {
  id: number;
  kind: MetaAssetKind;
  category: string;
  name: string;
  description: string;
  active: boolean;
  image_key: string | null;
  image_type: string | null;
  created_at: Date;
}

export interface OwnedAssetRow extends AssetRow {
  owned_id: number;
  source: MetaAssetSource;
  acquired_at: Date;
}

/** How an asset came to its owner (the seam for purchases: the store's order in `ref`). */
export interface Acquisition {
  readonly source: MetaAssetSource;
  readonly ref?: string | null;
  readonly grantedBy?: number | null;
}

const asAsset = <R extends AssetRow>(r: R): R => ({ ...r, id: Number(r.id) });

export function createAssetsRepository(db: SqlExecutor) {
  return {
    async insert(body: CreateMetaAssetBody, createdBy: number): Promise<AssetRow> {
      const { rows } = await db.query<AssetRow>(ASSETS_SQL.insert, [
        body.kind,
        body.category,
        body.name,
        body.description ?? '',
        body.active ?? true,
        createdBy,
      ]);
      return asAsset(rows[0]!);
    },

    async find(id: number, tx: SqlExecutor = db): Promise<AssetRow | undefined> {
      const row = (await tx.query<AssetRow>(ASSETS_SQL.find, [id])).rows[0];
      return row && asAsset(row);
    },

    async findMany(ids: readonly number[], tx: SqlExecutor = db): Promise<Map<number, AssetRow>> {
      if (ids.length === 0) return new Map();
      const { rows } = await tx.query<AssetRow>(ASSETS_SQL.findMany, [[...new Set(ids)]]);
      return new Map(rows.map((r) => [Number(r.id), asAsset(r)]));
    },

    async update(id: number, body: UpdateMetaAssetBody): Promise<AssetRow | undefined> {
      const { rows } = await db.query<AssetRow>(ASSETS_SQL.update, [
        id,
        body.category ?? null,
        body.name ?? null,
        body.description ?? null,
        body.active ?? null,
      ]);
      return rows[0] && asAsset(rows[0]);
    },

    /** Sets the image; the previous key (to delete), undefined when there is no such asset. */
    async setImage(
      id: number,
      key: string,
      type: string,
    ): Promise<{ previousKey: string | null } | undefined> {
      const { rows } = await db.query<{ previous_key: string | null }>(ASSETS_SQL.setImage, [id, key, type]);
      return rows[0] && { previousKey: rows[0].previous_key };
    },

    async page(q: {
      activeOnly: boolean;
      kind: MetaAssetKind | null;
      category: string | null;
      cursor: number | null;
      limit: number;
    }): Promise<AssetRow[]> {
      const { rows } = await db.query<AssetRow>(ASSETS_SQL.page, [
        q.activeOnly,
        q.kind,
        q.category,
        q.cursor,
        q.limit,
      ]);
      return rows.map(asAsset);
    },

    async categories(): Promise<{ kind: MetaAssetKind; name: string; count: number }[]> {
      return (await db.query<{ kind: MetaAssetKind; name: string; count: number }>(ASSETS_SQL.categories))
        .rows;
    },

    /** Gives the asset to the user; null when they already own it. */
    async acquire(
      tx: SqlExecutor,
      userId: number,
      assetId: number,
      how: Acquisition,
    ): Promise<{ source: MetaAssetSource; acquiredAt: Date } | null> {
      const { rows } = await tx.query<{ source: MetaAssetSource; acquired_at: Date }>(ASSETS_SQL.acquire, [
        userId,
        assetId,
        how.source,
        how.ref ?? null,
        how.grantedBy ?? null,
      ]);
      const r = rows[0];
      return r ? { source: r.source, acquiredAt: r.acquired_at } : null;
    },

    async ownedAmong(
      userId: number,
      assetIds: readonly number[],
      tx: SqlExecutor = db,
    ): Promise<Set<number>> {
      if (assetIds.length === 0) return new Set();
      const { rows } = await tx.query<{ asset_id: number }>(ASSETS_SQL.ownedAmong, [userId, [...assetIds]]);
      return new Set(rows.map((r) => Number(r.asset_id)));
    },

    async ownedPage(q: {
      userId: number;
      kind: MetaAssetKind | null;
      cursor: number | null;
      limit: number;
    }): Promise<OwnedAssetRow[]> {
      const { rows } = await db.query<OwnedAssetRow>(ASSETS_SQL.ownedPage, [
        q.userId,
        q.kind,
        q.cursor,
        q.limit,
      ]);
      return rows.map((r) => ({ ...asAsset(r), owned_id: Number(r.owned_id) }));
    },
  };
}

export type AssetsRepository = ReturnType<typeof createAssetsRepository>;
