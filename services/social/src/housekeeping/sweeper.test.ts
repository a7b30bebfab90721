// The sweep and its sweeper over fakes: objects before rows, batch after batch; a storage
// failure keeps the rows and the pass goes on; one node at a time by the lease in the cache,
// and a pass anyway when the cache cannot be reached.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Cache, createLogger, createMemoryCache } from '@chat/platform';
import { postImageKey } from '../posts/post-images.ts';
import { createSweep, type SweepDeps } from './sweep.ts';
import { createSweeper, SWEEP_LEASE_KEY } from './sweeper.ts';

const logger = createLogger({ level: 'silent' });

/** Rows of post images and notifications, and the calls the sweep made. */
function fakeWorld(stale: string[], ofDeletedPosts: string[] = [], oldNotifications = 0) {
  const rows = new Set([...stale, ...ofDeletedPosts]);
  const waiting = { stale: [...stale], deleted: [...ofDeletedPosts] };
  const calls: string[] = [];
  let notifications = oldNotifications;
  const take = (from: string[], limit: number) => from.splice(0, limit);
  const posts: SweepDeps['posts'] = {
    async takeStaleUploads(_age, _retake, limit) {
      calls.push('take uploads');
      return take(waiting.stale, limit);
    },
    async takeDeletedPostImages(_grace, _retake, limit) {
      calls.push('take images of deleted posts');
      return take(waiting.deleted, limit);
    },
    async forgetImages(ids) {
      calls.push(`forget ${ids.join(',')}`);
      return ids.filter((id) => rows.delete(id)).length;
    },
    async markDeletedPostsSwept() {
      return 0;
    },
  };
  const repo: SweepDeps['notifications'] = {
    async removeOlderThan(_age, limit, only) {
      if (only === 'read') return 0;
      const n = Math.min(limit, notifications);
      notifications -= n;
      return n;
    },
  };
  const rankings: SweepDeps['rankings'] = { forgetViewDays: async () => 0 };
  return { rows, calls, posts, notifications: repo, rankings };
}

const keep = { readMs: 1, allMs: 2 };

describe('social sweep', () => {
  it('removes objects, then rows, batch after batch', async () => {
    const world = fakeWorld(['a', 'b', 'c'], ['d', 'e'], 3);
    const deleted: string[][] = [];
    const storage = { delete: async (keys: readonly string[]) => void deleted.push([...keys]) };
    const sweep = createSweep({ ...world, storage, logger, keepNotifications: keep, batch: 2 });
    assert.deepEqual(await sweep(), { uploads: 3, postImages: 2, notifications: 3, viewDays: 0 });
    assert.deepEqual(deleted, [
      [postImageKey('a'), postImageKey('b')],
      [postImageKey('c')],
      [postImageKey('d'), postImageKey('e')],
    ]);
    assert.equal(world.rows.size, 0);
    assert.deepEqual(world.calls.slice(0, 3), ['take uploads', 'forget a,b', 'take uploads']);
  });

  it('keeps the rows whose objects storage did not remove, and goes on with the rest', async () => {
    const world = fakeWorld(['a', 'b', 'c'], ['d'], 2);
    let attempts = 0;
    const storage = {
      async delete() {
        attempts++;
        throw new Error('storage down');
      },
    };
    const sweep = createSweep({ ...world, storage, logger, keepNotifications: keep, batch: 2 });
    assert.deepEqual(await sweep(), { uploads: 0, postImages: 0, notifications: 2, viewDays: 0 });
    assert.equal(attempts, 2, 'one try per kind of image: storage is down');
    assert.deepEqual([...world.rows], ['a', 'b', 'c', 'd']);
  });
});

describe('social sweeper', () => {
  const counts = { uploads: 1, postImages: 0, notifications: 0, viewDays: 0 };

  it('sweeps on one node at a time, and frees the lease after', async () => {
    const cache = createMemoryCache();
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let passes = 0;
    const slow = createSweeper({
      sweep: async () => {
        passes++;
        await held;
        return counts;
      },
      cache,
      logger,
      intervalMs: 0,
    });
    const other = createSweeper({
      sweep: async () => {
        passes++;
        return counts;
      },
      cache,
      logger,
      intervalMs: 0,
    });
    const first = slow.sweepNow();
    assert.equal(slow.sweepNow(), first, 'one pass at a time on a node');
    while ((await cache.get(SWEEP_LEASE_KEY)) === null) await new Promise((r) => setImmediate(r));
    assert.equal(await other.sweepNow(), null, 'the other node skips');
    release();
    assert.deepEqual(await first, counts);
    assert.equal(await cache.get(SWEEP_LEASE_KEY), null, 'freed');
    assert.deepEqual(await other.sweepNow(), counts);
    assert.equal(passes, 2);
    await cache.close();
  });

  it('sweeps anyway when the cache cannot be reached', async () => {
    const down = new Error('cache down');
    const cache: Pick<Cache, 'set' | 'get' | 'del' | 'expire'> = {
      set: () => Promise.reject(down),
      get: () => Promise.reject(down),
      del: () => Promise.reject(down),
      expire: () => Promise.reject(down),
    };
    const sweeper = createSweeper({ sweep: async () => counts, cache, logger, intervalMs: 0 });
    assert.deepEqual(await sweeper.sweepNow(), counts);
  });

  it('stops between batches', async () => {
    let asked = 0;
    const cache = createMemoryCache();
    const sweeper = createSweeper({
      sweep: async (more) => {
        while (await more()) asked++;
        return counts;
      },
      cache,
      logger,
      intervalMs: 0,
    });
    await sweeper.stop();
    await sweeper.sweepNow();
    assert.equal(asked, 0);
    await cache.close();
  });
});
