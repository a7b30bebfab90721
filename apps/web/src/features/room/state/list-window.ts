// Windowing for the message list, framework-free: only a bounded slice of the rows is in the
// DOM. The slice slides by whole steps when the reader nears either edge of what is rendered;
// the component keeps the row under the reader's eyes in place across a slide (scroll
// anchoring), so no row needs a measured or estimated height and no spacer element needs a
// computed size (the CSP forbids style attributes). The slice is kept by message ids, so
// prepending older pages or appending live messages never moves what is rendered.

export interface Range {
  /** Index of the first rendered row. */
  readonly start: number;
  /** One past the last rendered row. */
  readonly end: number;
}

export interface Metrics {
  readonly scrollTop: number;
  readonly clientHeight: number;
  readonly scrollHeight: number;
}

export interface WindowOptions {
  /** At most this many rows rendered. */
  readonly max: number;
  /** Rows added on the side being approached (as many dropped on the other). */
  readonly step: number;
  /** "Near an edge": closer than this many pixels. */
  readonly edgePx: number;
}

export const DEFAULT_WINDOW: WindowOptions = { max: 90, step: 30, edgePx: 500 };

/** The newest rows, as many as fit: where a room opens and where "jump to latest" goes. */
export function latestRange(total: number, o: WindowOptions = DEFAULT_WINDOW): Range {
  return { start: Math.max(0, total - o.max), end: total };
}

/** Where the window goes after a scroll: one step towards the edge the reader is near. */
export function slide(r: Range, total: number, m: Metrics, o: WindowOptions = DEFAULT_WINDOW): Range {
  const nearTop = m.scrollTop < o.edgePx;
  const nearBottom = m.scrollHeight - m.scrollTop - m.clientHeight < o.edgePx;
  if (nearTop && r.start > 0) {
    const start = Math.max(0, r.start - o.step);
    return { start, end: Math.min(r.end, start + o.max) };
  }
  if (nearBottom && r.end < total) {
    const end = Math.min(total, r.end + o.step);
    return { start: Math.max(r.start, end - o.max), end };
  }
  return r;
}

/** First index whose id is >= id (ids ascend with seq within a room). */
export function lowerBound(ids: readonly number[], id: number): number {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ids[mid]! < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A window kept by the ids of its first and last rows. `fromId: null` is a window open at the
 * top (it started at the oldest loaded row): an older page shows at once in the same render,
 * so that the rows above the reader never shrink while they sit at the very top (the browser
 * could not keep them in place: a scroll position cannot go below 0).
 */
export interface IdWindow {
  readonly fromId: number | null;
  readonly toId: number;
}

export function toIds(ids: readonly number[], r: Range): IdWindow | null {
  if (r.end <= r.start) return null;
  return { fromId: r.start === 0 ? null : ids[r.start]!, toId: ids[r.end - 1]! };
}

/** The rows of an id window in the current list, at most `max` of them. */
export function toRange(ids: readonly number[], w: IdWindow, o: WindowOptions = DEFAULT_WINDOW): Range {
  const start = w.fromId === null ? 0 : lowerBound(ids, w.fromId);
  const end = Math.min(ids.length, lowerBound(ids, w.toId + 1), start + o.max);
  return { start, end };
}
