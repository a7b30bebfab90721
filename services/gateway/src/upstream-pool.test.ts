import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createUpstreamPool } from './upstream-pool.ts';

describe('upstream pool', () => {
  test('spreads requests round-robin over the instances', () => {
    const pool = createUpstreamPool(['http://a', 'http://b', 'http://c'], 1000);
    assert.deepEqual(
      Array.from({ length: 6 }, () => pool.pick()),
      ['http://a', 'http://b', 'http://c', 'http://a', 'http://b', 'http://c'],
    );
  });

  test('leaves a failed instance out until its ejection ends, then takes it back', () => {
    let now = 0;
    const pool = createUpstreamPool(['http://a', 'http://b'], 1000, () => now);
    pool.fail('http://a');
    assert.equal(pool.healthyCount(), 1);
    assert.deepEqual([pool.pick(), pool.pick(), pool.pick()], ['http://b', 'http://b', 'http://b']);
    now = 1001;
    assert.equal(pool.healthyCount(), 2);
    assert.deepEqual(new Set([pool.pick(), pool.pick()]), new Set(['http://a', 'http://b']));
  });

  test('a key (a SockJS session) always gets the same instance; it moves only when that one leaves', () => {
    let now = 0;
    const urls = ['http://a', 'http://b', 'http://c'];
    const pool = createUpstreamPool(urls, 1000, () => now);
    const keys = Array.from({ length: 60 }, (_, i) => `${i}/session${i}`);
    const first = keys.map((k) => pool.pickFor(k));
    assert.deepEqual(
      keys.map((k) => pool.pickFor(k)),
      first,
      'the same answer every time',
    );
    assert.equal(new Set(first).size, 3, 'keys spread over every instance');
    pool.fail('http://b');
    const during = keys.map((k) => pool.pickFor(k));
    keys.forEach((_, i) => {
      if (first[i] !== 'http://b') assert.equal(during[i], first[i], 'keys of the others stay');
      else assert.notEqual(during[i], 'http://b');
    });
    now = 1001;
    assert.deepEqual(
      keys.map((k) => pool.pickFor(k)),
      first,
      'back home once it returns',
    );
  });

  test('skips the instances a request tried already; none left: undefined', () => {
    const pool = createUpstreamPool(['http://a', 'http://b'], 1000);
    assert.equal(pool.pick(new Set(['http://a'])), 'http://b');
    assert.equal(pool.pick(new Set(['http://a', 'http://b'])), undefined);
  });

  test('with every instance ejected it probes the one that comes back first', () => {
    let now = 0;
    const pool = createUpstreamPool(['http://a', 'http://b'], 1000, () => now);
    pool.fail('http://b');
    now = 500;
    pool.fail('http://a');
    assert.equal(pool.pick(), 'http://b');
    assert.equal(pool.retryAfterSec(), 1);
    pool.succeed('http://b');
    assert.equal(pool.healthyCount(), 1);
  });

  test('Retry-After covers the time until the first instance is back, at least 1 s', () => {
    let now = 0;
    const pool = createUpstreamPool(['http://a'], 5000, () => now);
    pool.fail('http://a');
    assert.equal(pool.retryAfterSec(), 5);
    now = 4900;
    assert.equal(pool.retryAfterSec(), 1);
  });
});
