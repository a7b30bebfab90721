// The marked parts of a search result: the server's `highlights` ([start, end) in code points
// of the snippet) as text segments, and the same marks found here (the in-room search, whose
// answer is plain message objects).

export interface Segment {
  text: string;
  mark: boolean;
}

/**
 * The text cut at the ranges (code points), in order; ranges that overlap, run backwards or
 * reach past the end are clipped or skipped, so a malformed answer never throws.
 */
export function segments(text: string, ranges: readonly (readonly number[])[]): Segment[] {
  const chars = [...text];
  const out: Segment[] = [];
  let at = 0;
  const push = (from: number, to: number, mark: boolean) => {
    if (to > from) out.push({ text: chars.slice(from, to).join(''), mark });
  };
  for (const [start = 0, end = 0] of [...ranges].sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0))) {
    const from = Math.max(at, Math.min(start, chars.length));
    const to = Math.min(end, chars.length);
    if (to <= from) continue;
    push(at, from, false);
    push(from, to, true);
    at = to;
  }
  push(at, chars.length, false);
  return out;
}

/** Where `query` occurs in `text`, case-insensitively, as [start, end) code points, not overlapping. */
export function matchRanges(text: string, query: string): [number, number][] {
  const hay = [...text].map((c) => c.toLowerCase());
  const needle = [...query.trim()].map((c) => c.toLowerCase());
  const found: [number, number][] = [];
  if (needle.length === 0) return found;
  for (let i = 0; i + needle.length <= hay.length; ) {
    let j = 0;
    while (j < needle.length && hay[i + j] === needle[j]) j++;
    if (j === needle.length) {
      found.push([i, i + needle.length]);
      i += needle.length;
    } else i++;
  }
  return found;
}
