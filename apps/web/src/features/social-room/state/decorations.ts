// The decoration editor of my room: what is placed where, in which stacking order, and the
// body PUT /api/social/me/room/decorations takes. Pure: components only render it.
import type { MetaAssetRef, MiniRoom, PlaceDecorationsBody } from '@chat/contracts';
import {
  clampPoint,
  type Point,
  ROOM_DECORATIONS_MAX,
  ROOM_HEIGHT,
  ROOM_WIDTH,
  ROOM_Z_MAX,
} from './canvas.ts';

export interface Placed {
  readonly asset: MetaAssetRef;
  readonly x: number;
  readonly y: number;
  readonly z: number;
}

export interface EditorState {
  /** In placement order; drawn by `drawOrder`. */
  readonly items: readonly Placed[];
  /** The asset id being moved (keyboard, inputs, drag), if any. */
  readonly selected: number | null;
}

export const fromRoom = (room: Pick<MiniRoom, 'decorations'>): EditorState => ({
  items: room.decorations.map((d) => ({ asset: d.asset, x: d.x, y: d.y, z: d.z })),
  selected: null,
});

const topZ = (items: readonly Placed[]) => items.reduce((m, d) => Math.max(m, d.z), -1);

/** Whether one more can be placed (the server takes at most ROOM_DECORATIONS_MAX). */
export const canAdd = (s: EditorState, assetId: number) =>
  s.items.length < ROOM_DECORATIONS_MAX && !s.items.some((d) => d.asset.id === assetId);

/** Places an asset (once) in the middle of the room, above the others, and selects it. */
export function add(s: EditorState, asset: MetaAssetRef, at?: Point): EditorState {
  if (s.items.some((d) => d.asset.id === asset.id)) return { ...s, selected: asset.id };
  const p = clampPoint(at ?? { x: ROOM_WIDTH / 2, y: ROOM_HEIGHT / 2 });
  const z = Math.min(ROOM_Z_MAX, topZ(s.items) + 1);
  return { items: [...s.items, { asset, ...p, z }], selected: asset.id };
}

const update = (s: EditorState, id: number, f: (d: Placed) => Placed): EditorState => ({
  ...s,
  items: s.items.map((d) => (d.asset.id === id ? f(d) : d)),
});

/** Moves a decoration to `p`, kept inside the canvas. */
export const move = (s: EditorState, id: number, p: Point): EditorState =>
  update(s, id, (d) => ({ ...d, ...clampPoint(p) }));

/** Moves by (dx, dy) canvas units (arrow keys). */
export const nudge = (s: EditorState, id: number, dx: number, dy: number): EditorState =>
  update(s, id, (d) => ({ ...d, ...clampPoint({ x: d.x + dx, y: d.y + dy }) }));

export function remove(s: EditorState, id: number): EditorState {
  return {
    items: s.items.filter((d) => d.asset.id !== id),
    selected: s.selected === id ? null : s.selected,
  };
}

export const select = (s: EditorState, id: number | null): EditorState => ({ ...s, selected: id });

/** Drawn bottom to top: by z, then placement order (the server's order). */
export function drawOrder(items: readonly Placed[]): Placed[] {
  return items
    .map((d, i) => ({ d, i }))
    .sort((a, b) => a.d.z - b.d.z || a.i - b.i)
    .map(({ d }) => d);
}

/**
 * One step up (`+1`) or down (`-1`) the stack: swaps places with the neighbour drawn above or
 * below, then renumbers every z 0..n-1 in draw order (small, distinct, within ROOM_Z_MAX).
 */
export function reorder(s: EditorState, id: number, dir: 1 | -1): EditorState {
  const order = drawOrder(s.items);
  const i = order.findIndex((d) => d.asset.id === id);
  const j = i + dir;
  if (i < 0 || j < 0 || j >= order.length) return s;
  [order[i], order[j]] = [order[j]!, order[i]!];
  const zOf = new Map(order.map((d, k) => [d.asset.id, k]));
  return { ...s, items: s.items.map((d) => ({ ...d, z: zOf.get(d.asset.id)! })) };
}

/** Position in the stack, 1 = bottom. */
export const layerOf = (items: readonly Placed[], id: number) =>
  drawOrder(items).findIndex((d) => d.asset.id === id) + 1;

/** The body of PUT /api/social/me/room/decorations: the whole set, replaced. */
export function saveBody(s: EditorState): PlaceDecorationsBody {
  return { decorations: s.items.map((d) => ({ assetId: d.asset.id, x: d.x, y: d.y, z: d.z })) };
}

/** Whether the editor differs from what the room has saved. */
export function isDirty(s: EditorState, saved: Pick<MiniRoom, 'decorations'>): boolean {
  return JSON.stringify(saveBody(s)) !== JSON.stringify(saveBody(fromRoom(saved)));
}
