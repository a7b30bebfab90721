import { Transform, type TransformCallback } from 'node:stream';

/** Segments of letters, digits, `.`, `_` and `-`, none starting with a dot: no `..`, no hidden files. */
const KEY = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}(?:\/[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}){0,7}$/;

/** Whether `key` is a name both adapters store as is (no path tricks, at most 8 segments). */
export function isObjectKey(key: string): boolean {
  return KEY.test(key);
}

/** Keys come from our code, never from a client: a bad one is a bug, thrown as such. */
export function assertObjectKey(key: string): void {
  if (!isObjectKey(key)) throw new TypeError(`not a valid object key: ${JSON.stringify(key.slice(0, 200))}`);
}

export function assertRange(range: { start: number; end: number }, size: number): void {
  const { start, end } = range;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || start > end || end >= size) {
    throw new RangeError(`range ${start}-${end} is outside an object of ${size} bytes`);
  }
}

/**
 * Passes bytes through and fails the stream when they end before `size` or run past it, so a
 * put of a short or long body fails instead of storing what arrived.
 */
export function exactLength(size: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      seen += chunk.length;
      if (seen > size) done(new Error(`body is longer than the ${size} bytes announced`));
      else done(null, chunk);
    },
    flush(done: TransformCallback) {
      done(seen === size ? null : new Error(`body ended after ${seen} of ${size} bytes`));
    },
  });
}

/** Passes on `take` bytes after skipping `skip`, and drops the rest. */
export function slice(skip: number, take: number): Transform {
  let pos = 0;
  const end = skip + take;
  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      const from = Math.max(0, skip - pos);
      const to = Math.min(chunk.length, end - pos);
      pos += chunk.length;
      done(null, from < to ? chunk.subarray(from, to) : undefined);
    },
  });
}
