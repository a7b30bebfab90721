import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchRanges, segments } from './highlight.ts';

const show = (text: string, ranges: number[][]) =>
  segments(text, ranges)
    .map((s) => (s.mark ? `[${s.text}]` : s.text))
    .join('');

describe('segments', () => {
  it('cuts at code points, emoji and Korean included', () => {
    assert.equal(
      show('😀 내일 회의, 회의실', [
        [5, 7],
        [9, 11],
      ]),
      '😀 내일 [회의], [회의]실',
    );
    assert.deepEqual(segments('abc', []), [{ text: 'abc', mark: false }]);
    assert.deepEqual(segments('', [[0, 1]]), []);
  });

  it('skips or clips ranges a careless answer may hold', () => {
    assert.equal(show('abcdef', [[4, 9]]), 'abcd[ef]');
    assert.equal(
      show('abcdef', [
        [3, 5],
        [0, 2],
        [1, 4],
      ]),
      '[ab][cd][e]f',
    );
    assert.equal(show('abc', [[2, 1]]), 'abc');
    assert.equal(show('abc', [[7, 9]]), 'abc');
  });
});

describe('matchRanges', () => {
  it('finds every occurrence, case-insensitively, in code points', () => {
    assert.deepEqual(matchRanges('😀 Lunch? 점심 LUNCH', 'lunch'), [
      [2, 7],
      [12, 17],
    ]);
    assert.deepEqual(matchRanges('aaaa', 'aa'), [
      [0, 2],
      [2, 4],
    ]);
    assert.deepEqual(matchRanges('100% done', '  %  '), [[3, 4]], 'trimmed, as the server does');
    assert.deepEqual(matchRanges('100% done', '% D'), [[3, 6]]);
    assert.deepEqual(matchRanges('100 % done', '0%'), []);
    assert.deepEqual(matchRanges('abc', '   '), []);
  });
});
