import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { type Cache, createMemoryCache } from '@chat/platform';
import { createPresenceStore, presenceTimings } from '../src/realtime/presence-store.ts';

const timings = presenceTimings(6000); // tick 1 s, node liveness 3 s

let cache: Cache;
let t = 1_000_000;
function setup() {
  t = 1_000_000;
  cache = createMemoryCache({ now: () => t });
  const node = (id: string) => createPresenceStore(cache, id, timings);
  return { a: node('A'), b: node('B') };
}
afterEach(() => cache?.close());

async function sweep(store: ReturnType<typeof setup>['a']): Promise<number[]> {
  const offline: number[] = [];
  await store.sweep(async (u) => {
    offline.push(u);
  });
  t += timings.tickMs; // the sweep lock lapses
  return offline.sort();
}

describe('presence store (shared state, memory cache with a clock)', () => {
  test('ONLINE on the first node to hold a user, OFFLINE when the last lets go', async () => {
    const { a, b } = setup();
    assert.equal(await a.join(1), true);
    assert.equal(await b.join(1), false, 'a second node is no transition');
    assert.equal(await a.leave(1), false);
    assert.deepEqual(await a.countOf([1]), [1]);
    assert.equal(await b.leave(1), true);
    assert.equal(await b.leave(1), false, 'leaving twice takes nothing');
    assert.deepEqual(await a.countOf([1, 2]), [0, 0]);
    assert.equal(await a.join(1), true, 'back online');
  });

  test('a dead node is swept once: its only-there users go OFFLINE, shared ones stay', async () => {
    const { a, b } = setup();
    await Promise.all([a.heartbeat(), b.heartbeat()]);
    await b.join(1); // only on B
    await a.join(2);
    await b.join(2); // on both
    assert.deepEqual(await sweep(a), [], 'B is alive');

    t += timings.aliveTtlMs; // B stops heart-beating
    await a.heartbeat();
    assert.deepEqual(await sweep(a), [1]);
    assert.deepEqual(await a.countOf([1, 2]), [0, 1]);
    assert.deepEqual(await a.refresh([2]), [], "A's tick keeps its users' counts alive");
    assert.deepEqual(await sweep(a), [], 'nothing twice');
    assert.equal(await b.leave(2), false, 'a late leave of the swept node takes nothing');
    assert.deepEqual(await a.countOf([2]), [1]);
  });

  test('a stalled node that was swept counts its users again', async () => {
    const { a, b } = setup();
    await Promise.all([a.heartbeat(), b.heartbeat()]);
    await b.join(1);
    t += timings.aliveTtlMs;
    await a.heartbeat();
    assert.deepEqual(await sweep(a), [1]);
    assert.equal(await b.heartbeat(), true, 'B finds itself unregistered');
    assert.equal(await b.rejoin(1), true, 'ONLINE again');
    assert.equal(await b.rejoin(1), false);
    assert.equal(await b.heartbeat(), false);
    assert.equal(await b.leave(1), true);
  });

  test('counts expire unless refreshed; a sweep never drives a count below zero', async () => {
    const { a, b } = setup();
    await Promise.all([a.heartbeat(), b.heartbeat()]);
    await a.join(1);
    await b.join(2);
    t += timings.ttlMs - 1;
    assert.deepEqual(await a.refresh([1]), []);
    await a.heartbeat();
    t += 2;
    assert.deepEqual(await a.countOf([1, 2]), [1, 0], 'refreshed one kept, the other lapsed');
    assert.deepEqual(await a.refresh([2]), [2], 'a vanished count is reported');
    await a.heartbeat();
    assert.deepEqual(await sweep(a), [2], 'B is swept');
    assert.deepEqual(await a.countOf([2]), [0]);
    assert.equal(await a.join(2), true, 'the next join is ONLINE');
  });
});
