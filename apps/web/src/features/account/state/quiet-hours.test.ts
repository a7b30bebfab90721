import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toClock, toMinutes } from './quiet-hours.ts';

test('quiet hours go between the form and the server unchanged', () => {
  assert.deepEqual(['00:00', '07:30', '22:00', '23:59'].map(toMinutes), [0, 450, 1320, 1439]);
  assert.deepEqual([0, 450, 1320, 1439].map(toClock), ['00:00', '07:30', '22:00', '23:59']);
  for (const bad of ['', '7:30', '24:00', '12:60', 'noon']) assert.equal(toMinutes(bad), null, bad);
});
