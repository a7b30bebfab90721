import { type ByteRange, Errors } from '@chat/platform';

/**
 * The one range of a `Range: bytes=...` header for a file of `size` bytes (RFC 9110 §14.1.2):
 * `a-b`, `a-` or the suffix `-n`; an end past the file is cut to it. No header, a malformed
 * one, several ranges or a range over the whole file: undefined (the whole file, 200; a
 * server may ignore Range). A range that starts past the end: 416.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | undefined {
  const m = header && /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  let start: number;
  let end: number;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) throw Errors.rangeNotSatisfiable(size);
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
    if (!Number.isSafeInteger(start) || start >= size) throw Errors.rangeNotSatisfiable(size);
    if (end < start) return undefined;
  }
  return start === 0 && end === size - 1 ? undefined : { start, end };
}
