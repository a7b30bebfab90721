/** A stretch of a message around the query's first match, and every match in it. */
export interface Snippet {
  /** Code points of the content; `…` stands for text left out at either end. */
  text: string;
  /** `[start, end)` of each match in `text`, in code points, in order, not overlapping. */
  highlights: [number, number][];
}

/** Longest snippet, in code points, and how much of it comes before the first match. */
const SNIPPET_MAX = 100;
const BEFORE = 30;
const ELLIPSIS = '…';

/** Lowercased code point by code point, so offsets in the lowered text are offsets in the original. */
function lowered(chars: readonly string[]): string[] {
  return chars.map((c) => c.toLowerCase());
}

/** Starts of the non-overlapping occurrences of `needle` in `hay` (arrays of code points). */
function occurrences(hay: readonly string[], needle: readonly string[]): number[] {
  const found: number[] = [];
  if (needle.length === 0) return found;
  for (let i = 0; i + needle.length <= hay.length; ) {
    let j = 0;
    while (j < needle.length && hay[i + j] === needle[j]) j++;
    if (j === needle.length) {
      found.push(i);
      i += needle.length;
    } else i++;
  }
  return found;
}

/**
 * The snippet of `content` for `query` (case-insensitive, as the database matched it). Short
 * content is whole; longer content is cut to SNIPPET_MAX code points starting a little before
 * the first match. A match the database found but this cannot (a case rule that differs
 * between PostgreSQL and JavaScript) leaves the snippet at the start, with no highlight.
 */
export function snippetOf(content: string, query: string): Snippet {
  const chars = [...content];
  const needle = lowered([...query]);
  const starts = occurrences(lowered(chars), needle);
  const first = starts[0] ?? 0;
  let from = 0;
  let to = chars.length;
  if (chars.length > SNIPPET_MAX) {
    // Room before the match, as long as the whole match still fits.
    const before = Math.min(BEFORE, Math.max(0, SNIPPET_MAX - needle.length));
    from = Math.max(0, Math.min(first - before, chars.length - SNIPPET_MAX));
    to = from + SNIPPET_MAX;
  }
  const lead = from > 0 ? ELLIPSIS : '';
  const tail = to < chars.length ? ELLIPSIS : '';
  const shift = lead.length - from;
  const highlights = starts
    .filter((s) => s >= from && s + needle.length <= to)
    .map((s): [number, number] => [s + shift, s + shift + needle.length]);
  return { text: lead + chars.slice(from, to).join('') + tail, highlights };
}
