import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyLastSeen, fromList, lastSeenLabel } from './last-seen.ts';

describe('last seen', () => {
  it('an OFFLINE event with a time sets it; ONLINE or a hidden one changes nothing', () => {
    const map = fromList([
      { userId: 1, lastSeenAt: '2026-12-05T10:00:00.000Z' },
      { userId: 2, lastSeenAt: null },
    ]);
    assert.deepEqual([...map], [[1, '2026-12-05T10:00:00.000Z']]);
    const later = applyLastSeen(map, {
      userId: 1,
      status: 'OFFLINE',
      lastSeenAt: '2026-12-05T11:00:00.000Z',
    });
    assert.equal(later.get(1), '2026-12-05T11:00:00.000Z');
    assert.equal(applyLastSeen(later, { userId: 2, status: 'OFFLINE' }), later);
    assert.equal(applyLastSeen(later, { userId: 1, status: 'ONLINE' }), later);
  });

  it('says how long ago, in the reader language', () => {
    const now = Date.parse('2026-12-05T12:00:00.000Z');
    assert.equal(lastSeenLabel('2026-12-05T11:59:30.000Z', now, 'en'), 'now');
    assert.equal(lastSeenLabel('2026-12-05T11:55:00.000Z', now, 'en'), '5 minutes ago');
    assert.equal(lastSeenLabel('2026-12-05T09:00:00.000Z', now, 'ko'), '3시간 전');
    assert.equal(lastSeenLabel('2026-12-04T11:00:00.000Z', now, 'ko'), '어제');
  });
});
