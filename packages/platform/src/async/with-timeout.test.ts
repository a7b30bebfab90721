import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withTimeout } from './with-timeout.ts';

test('withTimeout: the value or the rejection of the promise when it settles in time', async () => {
  assert.equal(await withTimeout(Promise.resolve(7), 1000), 7);
  await assert.rejects(withTimeout(Promise.reject(new Error('own')), 1000), /^Error: own$/);
});

test('withTimeout: a rejection naming what timed out, when it does not', async () => {
  const never = new Promise<never>(() => undefined);
  await assert.rejects(withTimeout(never, 10), { message: 'timed out after 10 ms' });
  await assert.rejects(withTimeout(never, 10, 'PING'), { message: 'PING timed out after 10 ms' });
});
