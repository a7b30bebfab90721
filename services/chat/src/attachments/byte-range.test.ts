import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAppError } from '@chat/platform';
import { parseRange } from './byte-range.ts';

test('a range, an open end, a suffix; ends past the file are cut to it', () => {
  assert.deepEqual(parseRange('bytes=0-9', 100), { start: 0, end: 9 });
  assert.deepEqual(parseRange('bytes=90-', 100), { start: 90, end: 99 });
  assert.deepEqual(parseRange('bytes=-10', 100), { start: 90, end: 99 });
  assert.deepEqual(parseRange('bytes=50-1000', 100), { start: 50, end: 99 });
  assert.deepEqual(parseRange('bytes=99-99', 100), { start: 99, end: 99 });
});

test('no header, malformed ones, several ranges and the whole file mean the whole file', () => {
  for (const h of [
    undefined,
    '',
    'bytes=',
    'bytes=-',
    'items=0-9',
    'bytes=0-9,20-29',
    'bytes=a-b',
    'bytes=5-2',
    'bytes=0-99',
    'bytes=-500',
  ]) {
    assert.equal(parseRange(h, 100), undefined, String(h));
  }
});

test('a range starting past the end is 416, naming the size', () => {
  for (const h of ['bytes=100-', 'bytes=100-200', 'bytes=-0', 'bytes=99999999999999999999-']) {
    assert.throws(
      () => parseRange(h, 100),
      (err: unknown) =>
        isAppError(err) && err.status === 416 && err.headers['content-range'] === 'bytes */100',
      h,
    );
  }
});
