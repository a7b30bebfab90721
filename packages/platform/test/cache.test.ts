import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { createMemoryCache } from '../src/cache/memory.ts';
import { createRedisCache } from '../src/cache/redis.ts';
import { createTestMemoryCache, createTestRedisCache, deleteRedisPrefix } from '../src/testing/adapters.ts';
import { skipUnless, testServiceUrls, uniqueName } from '../src/testing/services.ts';
import { cacheContract } from './contract/cache.contract.ts';

const skip = await skipUnless('cache/redis', 'redis');

cacheContract('memory', async () => createTestMemoryCache());
cacheContract('redis', createTestRedisCache, { skip });

describe('memory cache with an injected clock', () => {
  const clocked = () => {
    let t = 1_000_000;
    const cache = createMemoryCache({ now: () => t, prefix: 'p:' });
    return { cache, advance: (ms: number) => (t += ms) };
  };

  it('expires exactly at the TTL', async () => {
    const { cache, advance } = clocked();
    await cache.set('k', 'v', { ttlMs: 1000 });
    await cache.incr('n', 1, { ttlMs: 500 });
    advance(499);
    assert.equal(await cache.pttl('n'), 1);
    advance(1);
    assert.equal(await cache.get('n'), null);
    advance(499);
    assert.equal(await cache.get('k'), 'v');
    advance(1);
    assert.equal(await cache.get('k'), null);
    await cache.close();
  });

  it('refills a token bucket with the clock', async () => {
    const { cache, advance } = clocked();
    assert.equal((await cache.takeToken('b', 2, 2)).allowed, true);
    assert.equal((await cache.takeToken('b', 2, 2)).allowed, true);
    assert.deepEqual(await cache.takeToken('b', 2, 2), { allowed: false, remaining: 0, retryAfterMs: 500 });
    assert.equal(await cache.pttl('b'), 1000);
    advance(500);
    assert.deepEqual(await cache.takeToken('b', 2, 2), { allowed: true, remaining: 0, retryAfterMs: 0 });
    advance(10_000);
    assert.deepEqual(await cache.takeToken('b', 2, 2), { allowed: true, remaining: 1, retryAfterMs: 0 });
    await cache.close();
  });

  it('sweeps expired keys so memory does not grow', async () => {
    let t = 0;
    const cache = createMemoryCache({ now: () => t, sweepIntervalMs: 5 });
    for (let i = 0; i < 100; i++) await cache.set(`k${i}`, 'v', { ttlMs: 10 });
    await cache.set('forever', 'v');
    t = 10;
    const deadline = Date.now() + 2000;
    while ((await cache.health()).details.keys !== 1 && Date.now() < deadline) await sleep(5);
    assert.equal((await cache.health()).details.keys, 1);
    await cache.close();
  });
});

/** The id of the connection with this CLIENT SETNAME, from CLIENT LIST. */
async function clientId(raw: Redis, name: string): Promise<string | undefined> {
  const list = String(await raw.client('LIST'));
  return list
    .split('\n')
    .find((line) => line.includes(` name=${name} `))
    ?.match(/^id=(\d+)/)?.[1];
}

describe('redis cache', { skip }, () => {
  it('prefixes every key, so prefixes do not see each other', async () => {
    const [p1, p2] = [`${uniqueName('test')}:`, `${uniqueName('test')}:`];
    const a = await createRedisCache({ url: testServiceUrls.redis, prefix: p1 });
    const b = await createRedisCache({ url: testServiceUrls.redis, prefix: p2 });
    const raw = new Redis(testServiceUrls.redis);
    try {
      await a.set('shared', 'from a');
      await a.takeToken('bucket', 1, 1);
      assert.equal(await b.get('shared'), null);
      assert.equal(await raw.get(`${p1}shared`), 'from a');
      assert.equal(await raw.exists(`${p1}bucket`), 1);
    } finally {
      await Promise.all([a.close(), b.close(), raw.quit()]);
      await Promise.all([deleteRedisPrefix(p1), deleteRedisPrefix(p2)]);
    }
  });

  it('reconnects by itself after its connection is killed', async () => {
    const prefix = `${uniqueName('test')}:`;
    const cache = await createRedisCache({ url: testServiceUrls.redis, prefix });
    const raw = new Redis(testServiceUrls.redis);
    try {
      await cache.set('k', 'v');
      const id = await clientId(raw, `${prefix}cache`);
      assert.ok(id, 'the cache connection is named');
      await raw.client('KILL', 'ID', id);
      assert.equal(await cache.get('k'), 'v');
      const again = await clientId(raw, `${prefix}cache`);
      assert.ok(again && again !== id, 'a new connection');
    } finally {
      await Promise.all([cache.close(), raw.quit()]);
      await deleteRedisPrefix(prefix);
    }
  });

  it('fails fast with a one-line reason and no password', async () => {
    await assert.rejects(
      createRedisCache({ url: 'redis://:s3cret@127.0.0.1:1', prefix: 'x:', connectTimeoutMs: 2000 }),
      (err: Error) => {
        assert.equal(err.message, 'cannot connect to Redis at 127.0.0.1:1: ECONNREFUSED');
        return true;
      },
    );
  });
});
