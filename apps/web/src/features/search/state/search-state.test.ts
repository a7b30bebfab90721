import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { begin, fail, idle, receive, type SearchState, searchQuery } from './search-state.ts';

type Hit = { id: number };
const key = (h: Hit) => h.id;
const page = (ids: number[], nextCursor: number | null = null) => ({
  items: ids.map((id) => ({ id })),
  hasMore: nextCursor !== null,
  nextCursor,
});
const ids = (s: SearchState<Hit>) => s.items.map((h) => h.id);

describe('search state', () => {
  it('a query, its answer, then the next page appended without repeats', () => {
    let s = begin(idle<Hit>(), '회의');
    assert.equal(s.status, 'loading');
    s = receive(s, s.request, page([9, 8], 8), key);
    assert.deepEqual([ids(s), s.hasMore, s.nextCursor, s.status], [[9, 8], true, 8, 'done']);
    s = begin(s, '회의', true);
    assert.deepEqual(ids(s), [9, 8], 'results stay while the next page loads');
    s = receive(s, s.request, page([8, 7]), key, true);
    assert.deepEqual([ids(s), s.hasMore], [[9, 8, 7], false]);
  });

  it('the answer of an older query (typed past) is dropped', () => {
    let s = begin(idle<Hit>(), '회');
    const old = s.request;
    s = begin(s, '회의');
    s = receive(s, old, page([1]), key);
    assert.deepEqual([ids(s), s.status], [[], 'loading']);
    s = fail(s, old);
    assert.equal(s.status, 'loading');
    s = receive(s, s.request, page([5]), key);
    assert.deepEqual(ids(s), [5]);
  });

  it('a failure keeps what was shown; clearing the box goes back to idle', () => {
    let s = begin(idle<Hit>(), 'a');
    s = receive(s, s.request, page([3], 3), key);
    s = begin(s, 'a', true);
    s = fail(s, s.request);
    assert.deepEqual([ids(s), s.status], [[3], 'error']);
    s = begin(s, '');
    assert.deepEqual([s.query, ids(s), s.status], ['', [], 'idle']);
  });

  it('what is sent: trimmed, control characters as spaces', () => {
    assert.equal(searchQuery('  회의\t'), '회의');
    assert.equal(searchQuery('a\u0001b'), 'a b');
    assert.equal(searchQuery(' \n '), '');
  });
});
