import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { eventLoopBusy, eventLoopLoad } from './event-loop-load.ts';

/**
 * Keeps the event loop running JavaScript for `ms`, in turns of 5 ms (Node 24 counts a turn's
 * time once the turn ends, so one long turn would not show until it is over).
 */
async function spin(ms: number): Promise<void> {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    const turn = Math.min(until, performance.now() + 5);
    while (performance.now() < turn) {
      // busy
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}

test('eventLoopLoad: near 1 after the loop ran code throughout, near 0 after it waited', async () => {
  const load = eventLoopLoad();
  await spin(200);
  assert.ok(load() > 0.9);
  await sleep(200);
  assert.ok(load() < 0.5);
});

test('eventLoopBusy: looks again only once a window has passed', async () => {
  const busy = eventLoopBusy(0.9, 100);
  assert.equal(busy(), false, 'nothing measured yet');
  await spin(150);
  assert.equal(busy(), true);
  await sleep(20);
  assert.equal(busy(), true, 'within the window: the last figure');
  await sleep(150);
  assert.equal(busy(), false);
});
