import assert from 'node:assert/strict';
import { test } from 'node:test';
import { oneAtATime } from './one-at-a-time.ts';

test('a call while the first runs does nothing; after it ends the next one runs', async () => {
  const busy: boolean[] = [];
  const run = oneAtATime((b) => busy.push(b));
  let started = 0;
  let finish: () => void = () => {};
  const work = () => {
    started++;
    return new Promise<void>((resolve) => {
      finish = resolve;
    });
  };
  const first = run(work);
  await run(work); // the second press: returns at once
  assert.equal(started, 1);
  finish();
  await first;
  await run(async () => {
    started++;
  });
  assert.equal(started, 2);
  assert.deepEqual(busy, [true, false, true, false]);
});

test('a failed run frees the way for the next and passes its failure on', async () => {
  const run = oneAtATime();
  await assert.rejects(
    run(() => Promise.reject(new Error('offline'))),
    /offline/,
  );
  let ran = false;
  await run(async () => {
    ran = true;
  });
  assert.ok(ran);
});
