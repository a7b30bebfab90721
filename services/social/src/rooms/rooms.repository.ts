import type { MetaAssetKind, MiniRoomTheme } from '@chat/contracts';
import type { SqlExecutor } from '@chat/platform';
import { ROOMS_SQL } from './rooms.queries.ts';

export interface RoomRow {
  owner_id: number;
  title: string | null;
  theme: MiniRoomTheme;
  background_color: string | null;
  background_asset_id: number | null;
  intro: string;
  updated_at: Date;
  today: number;
  total: number;
}

export interface DecorationRow {
  asset_id: number;
  x: number;
  y: number;
  z: number;
  kind: MetaAssetKind;
  category: string;
  name: string;
}

/** A room's change: only the fields present change (`title: null` resets it to the nickname). */
export interface RoomChange {
  readonly title?: string | null;
  readonly theme?: MiniRoomTheme;
  readonly background?: { readonly color: string | null; readonly assetId: number | null };
  readonly intro?: string;
}

export interface Placement {
  readonly assetId: number;
  readonly x: number;
  readonly y: number;
  readonly z: number;
}

export type RandomScope = 'all' | 'fof';

export function createRoomsRepository(db: SqlExecutor) {
  return {
    async ensure(ownerId: number, tx: SqlExecutor = db): Promise<void> {
      await tx.query(ROOMS_SQL.ensure, [ownerId]);
    },

    async find(ownerId: number, tx: SqlExecutor = db): Promise<RoomRow | undefined> {
      const r = (await tx.query<RoomRow>(ROOMS_SQL.find, [ownerId])).rows[0];
      return (
        r && {
          ...r,
          owner_id: Number(r.owner_id),
          background_asset_id: r.background_asset_id === null ? null : Number(r.background_asset_id),
          today: Number(r.today),
          total: Number(r.total),
        }
      );
    },

    /** Locks the room for a change in `tx` and marks it changed. */
    async touch(tx: SqlExecutor, ownerId: number): Promise<void> {
      await tx.query(ROOMS_SQL.touch, [ownerId]);
    },

    async update(tx: SqlExecutor, ownerId: number, change: RoomChange): Promise<void> {
      await tx.query(ROOMS_SQL.update, [
        ownerId,
        change.title !== undefined,
        change.title ?? null,
        change.theme ?? null,
        change.background !== undefined,
        change.background?.color ?? null,
        change.background?.assetId ?? null,
        change.intro ?? null,
      ]);
    },

    async decorations(ownerId: number, tx: SqlExecutor = db): Promise<DecorationRow[]> {
      const { rows } = await tx.query<DecorationRow>(ROOMS_SQL.decorations, [ownerId]);
      return rows.map((r) => ({ ...r, asset_id: Number(r.asset_id) }));
    },

    /** Replaces the room's decorations (the caller holds the room's lock: touch). */
    async replaceDecorations(
      tx: SqlExecutor,
      ownerId: number,
      placements: readonly Placement[],
    ): Promise<void> {
      await tx.query(ROOMS_SQL.clearDecorations, [ownerId]);
      if (placements.length === 0) return;
      await tx.query(ROOMS_SQL.placeDecorations, [
        ownerId,
        placements.map((p) => p.assetId),
        placements.map((p) => p.x),
        placements.map((p) => p.y),
        placements.map((p) => p.z),
      ]);
    },

    /** The owner of a random active public room (not `me`'s), or null when there is none. */
    async random(
      scope: RandomScope,
      me: number,
      activeDays: number,
      fraction: number,
    ): Promise<number | null> {
      const sql = scope === 'fof' ? ROOMS_SQL.randomFof : ROOMS_SQL.randomAll;
      const { rows } = await db.query<{ owner_id: number }>(sql, [me, fraction, activeDays]);
      return rows[0] ? Number(rows[0].owner_id) : null;
    },
  };
}

export type RoomsRepository = ReturnType<typeof createRoomsRepository>;
