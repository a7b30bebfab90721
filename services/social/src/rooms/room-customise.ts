import {
  type DecorationPlacement,
  normalizeName,
  ROOM_DECORATIONS_MAX,
  ROOM_HEIGHT,
  ROOM_WIDTH,
  ROOM_Z_MAX,
  type UpdateMiniRoomBody,
} from '@chat/contracts';
import { Errors, type SqlExecutor } from '@chat/platform';
import type { RoomDeps } from './room-deps.ts';
import { cleanMultiline } from './room-text.ts';
import type { Placement, RoomChange } from './rooms.repository.ts';

interface AssetUse {
  /** Where the asset is named in the request, for the error message. */
  readonly field: string;
  readonly assetId: number;
}

/**
 * Each asset must exist (404), be a DECORATION (400) and be owned by `me` (409); checked in the
 * transaction that uses them (the foreign keys to owned_assets hold it too).
 */
async function checkOwnedDecorations(
  deps: RoomDeps,
  tx: SqlExecutor,
  me: number,
  uses: readonly AssetUse[],
): Promise<void> {
  const ids = uses.map((u) => u.assetId);
  const [assets, owned] = await Promise.all([
    deps.assets.findMany(ids, tx),
    deps.assets.ownedAmong(me, ids, tx),
  ]);
  for (const { field, assetId } of uses) {
    const asset = assets.get(assetId);
    if (!asset) throw Errors.assetNotFound(assetId);
    if (asset.kind !== 'DECORATION') throw Errors.notADecoration(field, assetId);
    if (!owned.has(assetId)) throw Errors.assetNotOwned(field, assetId);
  }
}

/** The change a PATCH asks for, normalised; 400 for a background with both or neither choice. */
function roomChange(body: UpdateMiniRoomBody): RoomChange {
  const change: { -readonly [K in keyof RoomChange]: RoomChange[K] } = {};
  if (body.title !== undefined) change.title = body.title === null ? null : normalizeName(body.title);
  if (body.theme !== undefined) change.theme = body.theme;
  if (body.intro !== undefined) change.intro = cleanMultiline(body.intro);
  if (body.background !== undefined) {
    const { color, assetId } = body.background;
    if ((color === undefined) === (assetId === undefined)) throw Errors.roomBackgroundChoice();
    change.background = { color: color?.toUpperCase() ?? null, assetId: assetId ?? null };
  }
  return change;
}

/** Changes my room's title, theme, background or intro; bad input changes nothing. */
export async function updateRoom(deps: RoomDeps, me: number, body: UpdateMiniRoomBody): Promise<void> {
  const change = roomChange(body);
  await deps.rooms.ensure(me);
  await deps.db.transaction(async (tx) => {
    await deps.rooms.touch(tx, me);
    const assetId = change.background?.assetId;
    if (assetId) await checkOwnedDecorations(deps, tx, me, [{ field: 'body.background.assetId', assetId }]);
    await deps.rooms.update(tx, me, change);
  });
}

/** Placements checked without the database: count, canvas bounds, each asset once. */
function checkPlacements(placements: readonly DecorationPlacement[]): Placement[] {
  if (placements.length > ROOM_DECORATIONS_MAX) throw Errors.tooManyDecorations(ROOM_DECORATIONS_MAX);
  const seen = new Set<number>();
  return placements.map((p, i) => {
    const field = `body.decorations[${i}]`;
    const z = p.z ?? 0;
    if (p.x < 0 || p.x > ROOM_WIDTH || p.y < 0 || p.y > ROOM_HEIGHT || z < 0 || z > ROOM_Z_MAX) {
      throw Errors.decorationOutsideRoom(field, ROOM_WIDTH, ROOM_HEIGHT);
    }
    if (seen.has(p.assetId)) throw Errors.decorationPlacedTwice(field, p.assetId);
    seen.add(p.assetId);
    return { assetId: p.assetId, x: p.x, y: p.y, z };
  });
}

/**
 * Replaces my room's decorations with `placements` (an empty list clears them), all or nothing:
 * each an owned DECORATION, inside the canvas, at most once, at most ROOM_DECORATIONS_MAX.
 */
export async function placeDecorations(
  deps: RoomDeps,
  me: number,
  placements: readonly DecorationPlacement[],
): Promise<void> {
  const checked = checkPlacements(placements);
  await deps.rooms.ensure(me);
  await deps.db.transaction(async (tx) => {
    await deps.rooms.touch(tx, me);
    await checkOwnedDecorations(
      deps,
      tx,
      me,
      checked.map((p, i) => ({ field: `body.decorations[${i}].assetId`, assetId: p.assetId })),
    );
    await deps.rooms.replaceDecorations(tx, me, checked);
  });
}
