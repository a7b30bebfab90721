import assert from 'node:assert/strict';
import { describe, mock, test } from 'node:test';
import { createLogger, createMemoryPubSub, type PubSub } from '@chat/platform';
import { createMembershipCache } from '../src/rooms/membership.ts';
import type { RoomRepository } from '../src/rooms/room.repository.ts';

/** A room 7 whose members the test sets; counts the database reads. */
function setup() {
  const members = new Set([1, 2]);
  let reads = 0;
  const rooms = {
    find: async (roomId: number) => {
      reads++;
      return roomId === 7 ? { id: 7, closed_at: null } : undefined;
    },
    memberIds: async () => [...members],
  } as unknown as RoomRepository;
  const pubsub = createMemoryPubSub();
  let continuity: number | undefined = 0;
  const flaky: PubSub = { ...pubsub, continuity: () => continuity };
  const cache = createMembershipCache(rooms, flaky, createLogger({ level: 'silent' }));
  return {
    cache,
    members,
    reads: () => reads,
    setContinuity: (c: number | undefined) => {
      continuity = c;
    },
  };
}

describe('membership cache and a pub/sub that can miss notices', () => {
  test('an entry is trusted while pub/sub has heard everything since it was loaded', async () => {
    const t = setup();
    assert.equal(await t.cache.check(7, 2), 'member');
    assert.equal(await t.cache.check(7, 2), 'member');
    assert.equal(t.reads(), 1);
  });

  test('after a lost connection, an entry loaded before is read again (a removal missed meanwhile counts)', async () => {
    const t = setup();
    assert.equal(await t.cache.check(7, 2), 'member');
    t.members.delete(2); // removed on another node while this one's pub/sub was down
    t.setContinuity(1);
    assert.equal(await t.cache.check(7, 2), 'not-member');
    assert.equal(await t.cache.check(7, 1), 'member');
    assert.equal(t.reads(), 2, 'cached again once listening');
  });

  test('while pub/sub hears nothing, every check reads the database', async () => {
    const t = setup();
    t.setContinuity(undefined);
    await t.cache.check(7, 1);
    await t.cache.check(7, 1);
    assert.equal(t.reads(), 2);
  });

  test('listening again after a loss tells the gap listeners once', async () => {
    mock.timers.enable({ apis: ['setInterval'] });
    try {
      const t = setup();
      await t.cache.start();
      let gaps = 0;
      t.cache.onGap(() => gaps++);
      mock.timers.tick(1000);
      assert.equal(gaps, 0, 'no loss, no gap');
      t.setContinuity(undefined);
      mock.timers.tick(1000);
      assert.equal(gaps, 0, 'not listening yet');
      t.setContinuity(1);
      mock.timers.tick(1000);
      mock.timers.tick(1000);
      assert.equal(gaps, 1);
      await t.cache.stop();
    } finally {
      mock.timers.reset();
    }
  });
});
