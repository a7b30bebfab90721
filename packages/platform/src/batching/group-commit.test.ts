import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GroupCommit } from './group-commit.ts';

/** A flush that records what it was given and answers each item doubled. */
function recorder(fail: (items: number[]) => boolean = () => false) {
  const flushes: number[][] = [];
  const flush = async (items: number[]) => {
    flushes.push([...items]);
    await new Promise((resolve) => setImmediate(resolve));
    if (fail(items)) throw new Error(`flush of ${items.join(',')} failed`);
    return items.map((n) => n * 2);
  };
  return { flushes, flush };
}

describe('GroupCommit', () => {
  it('writes items submitted together in one flush and answers each its own result', async () => {
    const { flushes, flush } = recorder();
    const group = new GroupCommit(flush);
    assert.deepEqual(await Promise.all([1, 2, 3].map((n) => group.submit(n))), [2, 4, 6]);
    assert.deepEqual(flushes, [[1, 2, 3]]);
  });

  it('starts a new flush for items that arrive while one runs, up to the weight limit', async () => {
    const { flushes, flush } = recorder();
    const group = new GroupCommit(flush, { weight: (n) => n, maxWeight: 5 });
    const first = group.submit(1);
    await new Promise((resolve) => setImmediate(resolve)); // the first flush is running
    const later = [group.submit(2), group.submit(3), group.submit(4)];
    assert.deepEqual(await Promise.all([first, ...later]), [2, 4, 6, 8]);
    assert.deepEqual(flushes, [[1], [2, 3], [4]]);
  });

  it('without isolation, a failed flush fails every item in it', async () => {
    const { flush } = recorder((items) => items.includes(13));
    const group = new GroupCommit(flush);
    const results = await Promise.allSettled([group.submit(1), group.submit(13)]);
    assert.deepEqual(
      results.map((r) => r.status),
      ['rejected', 'rejected'],
    );
  });

  it('with isolation, a failed flush is retried item by item: only the bad item fails', async () => {
    const { flushes, flush } = recorder((items) => items.includes(13));
    const group = new GroupCommit(flush, { isolateFailures: true });
    const results = await Promise.allSettled([group.submit(1), group.submit(13), group.submit(3)]);
    assert.deepEqual(results[0], { status: 'fulfilled', value: 2 });
    assert.equal(results[1]?.status, 'rejected');
    assert.match(String((results[1] as PromiseRejectedResult).reason), /flush of 13 failed/);
    assert.deepEqual(results[2], { status: 'fulfilled', value: 6 });
    assert.deepEqual(flushes, [[1, 13, 3], [1], [13], [3]]);
  });

  it('a submitter answered by a flush can submit again at once', async () => {
    const { flushes, flush } = recorder();
    const group = new GroupCommit(flush);
    const sequential = (async () => {
      const first = await group.submit(1);
      const second = await group.submit(2);
      return [first, second];
    })();
    let timer: NodeJS.Timeout | undefined;
    const stuck = new Promise((resolve) => {
      timer = setTimeout(() => resolve('stuck'), 2000);
    });
    assert.deepEqual(await Promise.race([sequential, stuck]), [2, 4]);
    clearTimeout(timer);
    assert.deepEqual(flushes, [[1], [2]]);
  });
});
