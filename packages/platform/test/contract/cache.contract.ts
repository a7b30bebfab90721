import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Cache } from '../../src/ports/cache.ts';
import { uniqueName } from '../../src/testing/services.ts';

export interface ContractOptions {
  /** `false` to run, or the reason to skip (from `skipUnless`). */
  skip?: false | string;
}

/** Behaviour every Cache adapter must have. Sleeps only where a TTL must elapse (short TTLs). */
export function cacheContract(name: string, make: () => Promise<Cache>, opts: ContractOptions = {}): void {
  describe(`Cache contract: ${name}`, { skip: opts.skip }, () => {
    let cache!: Cache;
    const key = () => uniqueName('k');
    before(async () => {
      cache = await make();
    });
    after(async () => {
      await cache?.close();
    });

    describe('get, set, del', () => {
      it('returns null for a missing key and the value for a set one', async () => {
        const k = key();
        assert.equal(await cache.get(k), null);
        assert.equal(await cache.set(k, '값 ✨'), true);
        assert.equal(await cache.get(k), '값 ✨');
        assert.equal(await cache.set(k, 'second'), true);
        assert.equal(await cache.get(k), 'second');
      });

      it('sets ifAbsent only when the key is missing', async () => {
        const k = key();
        assert.equal(await cache.set(k, 'first', { ifAbsent: true }), true);
        assert.equal(await cache.set(k, 'second', { ifAbsent: true }), false);
        assert.equal(await cache.get(k), 'first');
      });

      it('reads many keys at once, null for missing ones', async () => {
        const [a, b, c] = [key(), key(), key()];
        await cache.set(a, '1');
        await cache.set(c, '3');
        assert.deepEqual(await cache.mget([a, b, c]), ['1', null, '3']);
        assert.deepEqual(await cache.mget([]), []);
      });

      it('sets many keys at once, each with its value and the same TTL', async () => {
        const [a, b] = [key(), key()];
        await cache.set(b, 'old');
        await cache.setMany(
          [
            [a, '1'],
            [b, '값'],
          ],
          { ttlMs: 60_000 },
        );
        assert.deepEqual(await cache.mget([a, b]), ['1', '값']);
        for (const k of [a, b]) {
          const ttl = await cache.pttl(k);
          assert.ok(ttl > 0 && ttl <= 60_000, `pttl ${ttl}`);
        }
        const c = key();
        await cache.setMany([[c, 'forever']]);
        assert.equal(await cache.pttl(c), -1);
        await cache.setMany([]);
      });

      it('deletes keys and counts the ones that existed', async () => {
        const [a, b, c] = [key(), key(), key()];
        await cache.set(a, '1');
        await cache.set(b, '2');
        assert.equal(await cache.del(a, b, c), 2);
        assert.equal(await cache.get(a), null);
        assert.equal(await cache.del(), 0);
      });
    });

    describe('time to live', () => {
      it('expires a key set with ttlMs', async () => {
        const k = key();
        await cache.set(k, 'v', { ttlMs: 80 });
        const ttl = await cache.pttl(k);
        assert.ok(ttl > 0 && ttl <= 80, `pttl ${ttl}`);
        assert.equal(await cache.get(k), 'v');
        await sleep(120);
        assert.equal(await cache.get(k), null);
        assert.equal(await cache.pttl(k), -2);
        assert.equal(await cache.set(k, 'again', { ifAbsent: true }), true);
      });

      it('reports -1 without expiry and -2 when missing', async () => {
        const k = key();
        assert.equal(await cache.pttl(k), -2);
        await cache.set(k, 'v');
        assert.equal(await cache.pttl(k), -1);
      });

      it('expires an existing key on demand, and says false for a missing one', async () => {
        const k = key();
        assert.equal(await cache.expire(k, 1000), false);
        await cache.set(k, 'v');
        assert.equal(await cache.expire(k, 60), true);
        await sleep(100);
        assert.equal(await cache.get(k), null);
      });

      it('replaces the expiry when a key is set again', async () => {
        const k = key();
        await cache.set(k, 'v', { ttlMs: 60 });
        await cache.set(k, 'w');
        assert.equal(await cache.pttl(k), -1);
      });
    });

    describe('incr', () => {
      it('increments atomically from zero, by any integer', async () => {
        const k = key();
        assert.equal(await cache.incr(k), 1);
        assert.equal(await cache.incr(k, 5), 6);
        assert.equal(await cache.incr(k, -10), -4);
        assert.equal(await cache.get(k), '-4');
        const many = await Promise.all(Array.from({ length: 20 }, () => cache.incr(k)));
        assert.equal(Math.max(...many), 16);
        assert.equal(new Set(many).size, 20);
      });

      it('sets the expiry only when this call creates the key', async () => {
        const fresh = key();
        assert.equal(await cache.incr(fresh, 1, { ttlMs: 80 }), 1);
        const ttl = await cache.pttl(fresh);
        assert.ok(ttl > 0 && ttl <= 80, `pttl ${ttl}`);
        assert.equal(await cache.incr(fresh, 1, { ttlMs: 100_000 }), 2);
        assert.ok((await cache.pttl(fresh)) <= 80, 'a later incr keeps the first expiry');
        await sleep(120);
        assert.equal(await cache.get(fresh), null);

        const existing = key();
        await cache.set(existing, '10');
        assert.equal(await cache.incr(existing, 1, { ttlMs: 50 }), 11);
        assert.equal(await cache.pttl(existing), -1);
      });

      it('rejects incrementing a value that is not an integer', async () => {
        const k = key();
        await cache.set(k, 'abc');
        await assert.rejects(cache.incr(k));
        assert.equal(await cache.get(k), 'abc');
      });
    });

    describe('takeToken', () => {
      it('allows a burst, then refuses with the wait until the next token', async () => {
        const k = key();
        const taken = [];
        for (let i = 0; i < 4; i++) taken.push(await cache.takeToken(k, 1, 3));
        assert.deepEqual(
          taken.slice(0, 3).map((r) => [r.allowed, r.remaining, r.retryAfterMs]),
          [
            [true, 2, 0],
            [true, 1, 0],
            [true, 0, 0],
          ],
        );
        const refused = taken[3]!;
        assert.equal(refused.allowed, false);
        assert.equal(refused.remaining, 0);
        assert.ok(
          refused.retryAfterMs > 900 && refused.retryAfterMs <= 1000,
          `retry ${refused.retryAfterMs}`,
        );
      });

      it('refills at the given rate', async () => {
        const k = key();
        assert.equal((await cache.takeToken(k, 20, 2)).allowed, true);
        assert.equal((await cache.takeToken(k, 20, 2)).allowed, true);
        const refused = await cache.takeToken(k, 20, 2);
        assert.equal(refused.allowed, false);
        assert.ok(refused.retryAfterMs > 0 && refused.retryAfterMs <= 50, `retry ${refused.retryAfterMs}`);
        await sleep(refused.retryAfterMs + 15);
        assert.equal((await cache.takeToken(k, 20, 2)).allowed, true);
      });

      it('takes a cost of several tokens, and buckets are independent', async () => {
        const [a, b] = [key(), key()];
        assert.deepEqual(await cache.takeToken(a, 1, 5, 3), { allowed: true, remaining: 2, retryAfterMs: 0 });
        const refused = await cache.takeToken(a, 1, 5, 3);
        assert.equal(refused.allowed, false);
        assert.ok(
          refused.retryAfterMs > 900 && refused.retryAfterMs <= 1000,
          `retry ${refused.retryAfterMs}`,
        );
        assert.equal((await cache.takeToken(a, 1, 5, 2)).allowed, true);
        assert.deepEqual(await cache.takeToken(b, 1, 5, 5), { allowed: true, remaining: 0, retryAfterMs: 0 });
      });

      it('forgets a bucket once it would be full again, or when deleted', async () => {
        const k = key();
        await cache.takeToken(k, 10, 2);
        const ttl = await cache.pttl(k);
        assert.ok(ttl > 0 && ttl <= 100, `pttl ${ttl}`);
        await cache.takeToken(k, 10, 2);
        assert.equal(await cache.del(k), 1);
        assert.equal((await cache.takeToken(k, 10, 2)).remaining, 1);
      });

      it('rejects a cost above the burst', async () => {
        await assert.rejects(cache.takeToken(key(), 1, 2, 3), RangeError);
      });
    });

    describe('sets', () => {
      it('adds and removes members, counting the ones that changed', async () => {
        const k = key();
        assert.deepEqual(await cache.smembers(k), []);
        assert.equal(await cache.sadd(k, 'a', 'b', 'a'), 2);
        assert.equal(await cache.sadd(k, 'b', 'c'), 1);
        assert.deepEqual((await cache.smembers(k)).sort(), ['a', 'b', 'c']);
        assert.equal(await cache.srem(k, 'a', 'x'), 1);
        assert.equal(await cache.srem(k, 'a'), 0, 'a second remove finds nothing');
        assert.deepEqual((await cache.smembers(k)).sort(), ['b', 'c']);
        assert.equal(await cache.sadd(k), 0);
        assert.equal(await cache.srem(k), 0);
      });

      it('forgets a set once its last member is removed', async () => {
        const k = key();
        await cache.sadd(k, '1');
        assert.equal(await cache.srem(k, '1'), 1);
        assert.equal(await cache.pttl(k), -2);
        assert.equal(await cache.srem(key(), '1'), 0, 'removing from a missing set');
      });

      it('removes a member exactly once when several callers race', async () => {
        const k = key();
        await cache.sadd(k, 'm');
        const removed = await Promise.all(Array.from({ length: 10 }, () => cache.srem(k, 'm')));
        assert.equal(
          removed.reduce((a, b) => a + b, 0),
          1,
        );
      });

      it('expires a set, and refuses string operations on it', async () => {
        const k = key();
        await cache.sadd(k, 'x');
        assert.equal(await cache.expire(k, 60), true);
        await assert.rejects(cache.get(k));
        await assert.rejects(cache.incr(k));
        await sleep(100);
        assert.deepEqual(await cache.smembers(k), []);
        const s = key();
        await cache.set(s, 'string');
        await assert.rejects(cache.sadd(s, 'x'));
      });
    });

    describe('sorted sets', () => {
      it('increments scores and lists members highest first, with their scores', async () => {
        const k = key();
        assert.deepEqual(await cache.zrevrange(k, 0, -1), []);
        assert.equal(await cache.zincrby(k, 2, 'a'), 2);
        assert.equal(await cache.zincrby(k, 0.5, 'b'), 0.5);
        assert.equal(await cache.zincrby(k, 1.25, 'a'), 3.25);
        assert.equal(await cache.zincrby(k, -1, 'c'), -1);
        assert.deepEqual(await cache.zrevrange(k, 0, -1), [
          { member: 'a', score: 3.25 },
          { member: 'b', score: 0.5 },
          { member: 'c', score: -1 },
        ]);
        assert.deepEqual(await cache.zrevrange(k, 1, 1), [{ member: 'b', score: 0.5 }]);
        assert.deepEqual(await cache.zrevrange(k, -2, -1), [
          { member: 'b', score: 0.5 },
          { member: 'c', score: -1 },
        ]);
        assert.deepEqual(await cache.zrevrange(k, 5, 10), []);
      });

      it('sets scores with zadd, orders equal scores by member descending', async () => {
        const k = key();
        assert.equal(
          await cache.zadd(k, [
            ['x', 1],
            ['y', 1],
            ['z', 7e30],
          ]),
          3,
        );
        assert.equal(await cache.zadd(k, [['x', 2]]), 0, 'an existing member is updated, not added');
        assert.equal(await cache.zadd(k, []), 0);
        assert.deepEqual(
          (await cache.zrevrange(k, 0, -1)).map((m) => m.member),
          ['z', 'x', 'y'],
        );
        await cache.zadd(k, [['w', 2]]);
        assert.deepEqual(
          (await cache.zrevrange(k, 1, 2)).map((m) => m.member),
          ['x', 'w'],
        );
        assert.equal((await cache.zrevrange(k, 0, 0))[0]?.score, 7e30);
      });

      it('removes members, and forgets a sorted set once empty', async () => {
        const k = key();
        await cache.zadd(k, [
          ['a', 1],
          ['b', 2],
        ]);
        assert.equal(await cache.zrem(k, 'a', 'nope'), 1);
        assert.equal(await cache.zrem(k), 0);
        assert.deepEqual(await cache.zrevrange(k, 0, -1), [{ member: 'b', score: 2 }]);
        assert.equal(await cache.zrem(k, 'b'), 1);
        assert.equal(await cache.pttl(k), -2);
        assert.equal(await cache.zrem(key(), 'a'), 0, 'removing from a missing sorted set');
      });

      it('adds concurrent increments exactly, and refuses other operations on the key', async () => {
        const k = key();
        await Promise.all(Array.from({ length: 20 }, () => cache.zincrby(k, 1, 'm')));
        assert.deepEqual(await cache.zrevrange(k, 0, -1), [{ member: 'm', score: 20 }]);
        await assert.rejects(cache.get(k));
        await assert.rejects(cache.sadd(k, 'x'));
        const s = key();
        await cache.set(s, 'string');
        await assert.rejects(cache.zincrby(s, 1, 'x'));
        assert.equal(await cache.expire(k, 60), true);
        await sleep(100);
        assert.deepEqual(await cache.zrevrange(k, 0, -1), []);
      });
    });

    it('reports health UP with its adapter name', async () => {
      const health = await cache.health();
      assert.equal(health.status, 'UP');
      assert.equal(health.details.adapter, cache.adapter);
    });
  });
}
