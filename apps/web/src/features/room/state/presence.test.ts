import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyPresence, fromSnapshot, type Online } from './presence.ts';

describe('presence of room members', () => {
  it('ONLINE and OFFLINE events toggle a user; a repeated event keeps the same state object', () => {
    let s: Online = new Set([2]);
    s = applyPresence(s, { userId: 3, status: 'ONLINE', timestamp: 1 });
    assert.deepEqual([...s].sort(), [2, 3]);
    s = applyPresence(s, { userId: 2, status: 'OFFLINE', timestamp: 2 });
    assert.deepEqual([...s], [3]);
    assert.equal(applyPresence(s, { userId: 3, status: 'ONLINE', timestamp: 3 }), s);
  });

  it('events heard while the snapshot was in flight are applied over it', () => {
    const s = fromSnapshot(
      [2, 3],
      [
        { userId: 3, status: 'OFFLINE', timestamp: 5 },
        { userId: 4, status: 'ONLINE', timestamp: 6 },
      ],
    );
    assert.deepEqual([...s].sort(), [2, 4]);
    // An event the snapshot already includes changes nothing.
    assert.deepEqual([...fromSnapshot([2], [{ userId: 2, status: 'ONLINE', timestamp: 1 }])], [2]);
  });
});
