// The room's canvas (docs/services/social.md, "Mini-homepages"): decorations sit at 0..1000 x
// 0..600 (their centre), drawn on a box of the screen's width with the same aspect ratio.

/** The contract's ROOM_WIDTH / ROOM_HEIGHT (literals: importing values would pull the schemas in). */
export const ROOM_WIDTH = 1000;
export const ROOM_HEIGHT = 600;
export const ROOM_DECORATIONS_MAX = 30;
export const ROOM_Z_MAX = 999;
export const ROOM_TITLE_MAX = 40;
export const ROOM_INTRO_MAX = 500;
export const GUESTBOOK_TEXT_MAX = 300;
/** A decoration's drawn size on the canvas, in canvas units (scaled with it). */
export const DECORATION_SIZE = 120;

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** The canvas drawn `width` pixels wide: its height and pixels per canvas unit. */
export function canvasBox(width: number): { width: number; height: number; scale: number } {
  const w = Math.max(0, width);
  const scale = w / ROOM_WIDTH;
  return { width: w, height: Math.round(ROOM_HEIGHT * scale * 100) / 100, scale };
}

const clampTo = (v: number, max: number) =>
  Math.min(max, Math.max(0, Math.round(Number.isFinite(v) ? v : 0)));

/** A position inside the canvas, whole units (what the server takes). */
export function clampPoint(p: Point): Point {
  return { x: clampTo(p.x, ROOM_WIDTH), y: clampTo(p.y, ROOM_HEIGHT) };
}

/** A pointer at (clientX, clientY) over a canvas drawn at `rect`, in canvas units, clamped. */
export function pointFromScreen(
  clientX: number,
  clientY: number,
  rect: { left: number; top: number; width: number },
): Point {
  const { scale } = canvasBox(rect.width);
  if (scale === 0) return { x: 0, y: 0 };
  return clampPoint({ x: (clientX - rect.left) / scale, y: (clientY - rect.top) / scale });
}

/** Where a decoration centred at `p` is drawn, as percentages of the canvas (scales with it). */
export function placementStyle(p: Point): { left: string; top: string; width: string } {
  const pct = (v: number, of: number) => `${Math.round((v / of) * 10000) / 100}%`;
  return {
    left: pct(p.x - DECORATION_SIZE / 2, ROOM_WIDTH),
    top: pct(p.y - DECORATION_SIZE / 2, ROOM_HEIGHT),
    width: pct(DECORATION_SIZE, ROOM_WIDTH),
  };
}
