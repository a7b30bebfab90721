import assert from 'node:assert/strict';
import { test } from 'node:test';
import { snippetOf } from './snippet.ts';

const marked = (s: { text: string; highlights: [number, number][] }) => {
  const chars = [...s.text];
  return s.highlights
    .reduceRight((acc, [a, b]) => [...acc.slice(0, a), '[', ...acc.slice(a, b), ']', ...acc.slice(b)], chars)
    .join('');
};

test('short content is whole, every match marked, offsets in code points', () => {
  const s = snippetOf('😀 내일 회의, 회의실은 3층', '회의');
  assert.equal(s.text, '😀 내일 회의, 회의실은 3층');
  assert.deepEqual(s.highlights, [
    [5, 7],
    [9, 11],
  ]);
  assert.equal(marked(s), '😀 내일 [회의], [회의]실은 3층');
});

test('case-insensitive; matches do not overlap', () => {
  assert.equal(marked(snippetOf('Meeting at MEETING point', 'meeting')), '[Meeting] at [MEETING] point');
  assert.equal(marked(snippetOf('aaaa', 'aa')), '[aa][aa]');
});

test('% _ \\ and quotes are ordinary characters', () => {
  assert.equal(marked(snippetOf("100%_done \\o/ it's", '%_')), "100[%_]done \\o/ it's");
  assert.equal(marked(snippetOf("100%_done \\o/ it's", "\\o/ it'")), "100%_done [\\o/ it']s");
});

test('long content is cut around the first match, with … at the cut ends', () => {
  const content = `${'가'.repeat(200)}회의${'나'.repeat(200)}`;
  const s = snippetOf(content, '회의');
  assert.equal([...s.text].length, 102);
  assert.ok(s.text.startsWith(`…${'가'.repeat(30)}회의`));
  assert.ok(s.text.endsWith('나…'));
  assert.deepEqual(s.highlights, [[31, 33]]);
});

test('a match near the start or the end keeps the snippet inside the content', () => {
  const head = snippetOf(`회의${'x'.repeat(300)}`, '회의');
  assert.ok(head.text.startsWith('회의x') && head.text.endsWith('x…'));
  assert.deepEqual(head.highlights, [[0, 2]]);
  const tail = snippetOf(`${'x'.repeat(300)}회의`, '회의');
  assert.ok(tail.text.startsWith('…x') && tail.text.endsWith('x회의'));
  assert.deepEqual(tail.highlights, [[99, 101]]);
});

test('a long query still fits whole', () => {
  const query = 'q'.repeat(100);
  const s = snippetOf(`${'a'.repeat(150)}${query}${'b'.repeat(150)}`, query);
  assert.deepEqual(s.highlights, [[1, 101]]);
});

test('no match found here (a case rule JavaScript does not share): the start, nothing marked', () => {
  const s = snippetOf('x'.repeat(150), 'zz');
  assert.equal(s.text, `${'x'.repeat(100)}…`);
  assert.deepEqual(s.highlights, []);
});
