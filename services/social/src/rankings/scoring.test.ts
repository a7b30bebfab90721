import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  decayed,
  EPOCH_SPAN_MS,
  epochOf,
  generationOf,
  HALF_LIFE_MS,
  increment,
  REBUILD_WINDOW_MS,
  WEIGHTS,
} from './scoring.ts';

// A fixed clock: 2026-12-07 12:00 UTC.
const NOW = Date.UTC(2026, 11, 7, 12);
const H = HALF_LIFE_MS;
const close = (a: number, b: number) =>
  assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${a} ≈ ${b}`);

describe('popularity scores', () => {
  it('weighs views under reactions under comments', () => {
    assert.ok(WEIGHTS.VIEW < WEIGHTS.REACTION && WEIGHTS.REACTION < WEIGHTS.COMMENT);
    assert.ok(increment('VIEW', NOW) < increment('REACTION', NOW));
    assert.ok(increment('REACTION', NOW) < increment('COMMENT', NOW));
  });

  it('halves an interaction per half-life of age', () => {
    const e = epochOf(NOW);
    close(decayed(increment('REACTION', NOW, e), e, NOW), WEIGHTS.REACTION);
    close(decayed(increment('REACTION', NOW - H, e), e, NOW), WEIGHTS.REACTION / 2);
    close(decayed(increment('COMMENT', NOW - 3 * H, e), e, NOW), WEIGHTS.COMMENT / 8);
  });

  it('adds up: a sum of increments is the sum of decayed weights', () => {
    const e = epochOf(NOW);
    const stored =
      increment('REACTION', NOW - H, e) + increment('COMMENT', NOW - 2 * H, e) + increment('VIEW', NOW, e);
    close(decayed(stored, e, NOW), 4 / 2 + 8 / 4 + 1);
  });

  it('ranks fresh interest above old interest of the same amount', () => {
    const e = epochOf(NOW);
    const old = 3 * increment('REACTION', NOW - 2 * H, e);
    const fresh = 2 * increment('REACTION', NOW, e);
    assert.ok(fresh > old);
    // Two days older needs four times the reactions to tie.
    close(4 * increment('REACTION', NOW - 2 * H, e), increment('REACTION', NOW, e));
  });

  it('keeps the order of decayed popularity whatever the time of reading', () => {
    const e = epochOf(NOW);
    const a = increment('COMMENT', NOW - 5 * H, e);
    const b = increment('REACTION', NOW - H, e);
    for (const t of [NOW, NOW + H, NOW + 10 * H]) assert.equal(decayed(a, e, t) < decayed(b, e, t), a < b);
  });

  it('starts generations on EPOCH_SPAN boundaries, with bounded exponents', () => {
    const e = epochOf(NOW);
    assert.ok(e <= NOW && NOW < e + EPOCH_SPAN_MS);
    assert.equal(e % EPOCH_SPAN_MS, 0);
    assert.equal(generationOf(NOW), e / EPOCH_SPAN_MS);
    assert.equal(epochOf(e), e);
    assert.equal(epochOf(e - 1), e - EPOCH_SPAN_MS);
    const largest = increment('COMMENT', e + EPOCH_SPAN_MS - 1, e);
    const smallest = increment('VIEW', e - REBUILD_WINDOW_MS, e);
    assert.ok(Number.isFinite(largest) && largest < 2 ** 40);
    assert.ok(smallest > 0);
  });

  it('is deterministic: the same inputs give the same bits', () => {
    assert.equal(increment('REACTION', NOW), increment('REACTION', NOW));
    assert.equal(increment('VIEW', epochOf(NOW)), WEIGHTS.VIEW);
  });
});
