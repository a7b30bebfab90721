import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ReactionSummary } from '../api/types.ts';
import { applyReaction, reactionCall } from './reactions.ts';

const summary = (mine: ReactionSummary['mine'], like = 2, love = 1): ReactionSummary => ({
  counts: { LIKE: like, LOVE: love, HAHA: 0, WOW: 0, SAD: 0 },
  total: like + love,
  mine,
});

describe('reactions', () => {
  it('adds when I have none, changes to another kind, removes the same kind', () => {
    assert.deepEqual(reactionCall(null, 'LIKE'), { method: 'POST', kind: 'LIKE' });
    assert.deepEqual(reactionCall('LIKE', 'LOVE'), { method: 'PUT', kind: 'LOVE' });
    assert.deepEqual(reactionCall('LIKE', 'LIKE'), { method: 'DELETE' });
  });
  it('counts follow: add one, move one, remove one', () => {
    const added = applyReaction(summary(null), { method: 'POST', kind: 'WOW' });
    assert.deepEqual(added, { counts: { LIKE: 2, LOVE: 1, HAHA: 0, WOW: 1, SAD: 0 }, total: 4, mine: 'WOW' });
    const moved = applyReaction(summary('LIKE'), { method: 'PUT', kind: 'LOVE' });
    assert.deepEqual(moved, {
      counts: { LIKE: 1, LOVE: 2, HAHA: 0, WOW: 0, SAD: 0 },
      total: 3,
      mine: 'LOVE',
    });
    const removed = applyReaction(summary('LOVE'), { method: 'DELETE' });
    assert.deepEqual(removed, {
      counts: { LIKE: 2, LOVE: 0, HAHA: 0, WOW: 0, SAD: 0 },
      total: 2,
      mine: null,
    });
  });
});
