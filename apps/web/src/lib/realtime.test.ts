import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backoffDelay } from './realtime.ts';

describe('reconnect backoff', () => {
  it('doubles from 0.5 s up to 15 s, with jitter in the upper half', () => {
    assert.equal(
      backoffDelay(0, () => 1),
      500,
    );
    assert.equal(
      backoffDelay(0, () => 0),
      250,
    );
    assert.equal(
      backoffDelay(3, () => 1),
      4000,
    );
    assert.equal(
      backoffDelay(20, () => 1),
      15_000,
    );
    assert.equal(
      backoffDelay(20, () => 0),
      7500,
    );
  });
});
