import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { latestRange, lowerBound, type Metrics, slide, toIds, toRange } from './list-window.ts';

const o = { max: 90, step: 30, edgePx: 500 };
const middle: Metrics = { scrollTop: 2000, clientHeight: 800, scrollHeight: 6000 };
const top: Metrics = { scrollTop: 100, clientHeight: 800, scrollHeight: 6000 };
const bottom: Metrics = { scrollTop: 5000, clientHeight: 800, scrollHeight: 6000 };

describe('message list window', () => {
  it('opens on the newest rows, never more than the maximum', () => {
    assert.deepEqual(latestRange(10_000, o), { start: 9910, end: 10_000 });
    assert.deepEqual(latestRange(20, o), { start: 0, end: 20 });
    assert.deepEqual(latestRange(0, o), { start: 0, end: 0 });
  });

  it('slides one step up near the top, dropping as many at the bottom, and stops at the first row', () => {
    assert.deepEqual(slide({ start: 9910, end: 10_000 }, 10_000, top, o), { start: 9880, end: 9970 });
    assert.deepEqual(slide({ start: 10, end: 100 }, 10_000, top, o), { start: 0, end: 90 });
    const first = { start: 0, end: 90 };
    assert.equal(slide(first, 10_000, top, o), first, 'nothing above: unchanged (older pages load instead)');
  });

  it('slides down near the bottom up to the last row; in the middle it stays', () => {
    assert.deepEqual(slide({ start: 0, end: 90 }, 10_000, bottom, o), { start: 30, end: 120 });
    assert.deepEqual(slide({ start: 9900, end: 9990 }, 10_000, bottom, o), { start: 9910, end: 10_000 });
    const r = { start: 500, end: 590 };
    assert.equal(slide(r, 10_000, middle, o), r);
    const last = { start: 9910, end: 10_000 };
    assert.equal(slide(last, 10_000, bottom, o), last);
  });

  it('scrolling through 10,000 rows keeps the rendered count bounded and visits every row', () => {
    let r = latestRange(10_000, o);
    let lowest = r.start;
    for (let i = 0; i < 1000 && r.start > 0; i++) {
      r = slide(r, 10_000, top, o);
      assert.ok(r.end - r.start <= o.max);
      lowest = Math.min(lowest, r.start);
    }
    assert.equal(lowest, 0);
  });

  it('a window kept by ids stays on the same rows when older rows are prepended or newer appended', () => {
    const ids = [10, 11, 12, 13, 14];
    const w = toIds(ids, { start: 1, end: 4 })!;
    assert.deepEqual(w, { fromId: 11, toId: 13 });
    const grown = [5, 6, 7, ...ids, 15, 16];
    assert.deepEqual(toRange(grown, w, o), { start: 4, end: 7 });
    assert.equal(toIds(ids, { start: 2, end: 2 }), null);
    assert.equal(lowerBound(grown, 9), 3);
  });

  it('a window open at the top takes an older page in at once, keeping at most the maximum', () => {
    const ids = Array.from({ length: 90 }, (_, i) => 1000 + i);
    const w = toIds(ids, { start: 0, end: 60 })!;
    assert.deepEqual(w, { fromId: null, toId: 1059 });
    const older = [...Array.from({ length: 30 }, (_, i) => 970 + i), ...ids];
    assert.deepEqual(toRange(older, w, o), { start: 0, end: 90 }, 'the 30 older rows and the 60 seen');
    const evenOlder = [...Array.from({ length: 30 }, (_, i) => 940 + i), ...older];
    assert.deepEqual(toRange(evenOlder, w, o), { start: 0, end: 90 }, 'bounded: the bottom gives way');
  });
});
