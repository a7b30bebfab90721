// A request that needs a dependency which is down gets 503 SERVICE_UNAVAILABLE (retry later),
// not 500 INTERNAL (a bug); a real bug stays a 500.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type PrivateRedis, startPrivateRedis } from '@chat/testing';
import { createRedisCache } from '../src/cache/redis.ts';
import { createHttpApp } from '../src/http/app.ts';
import { createLogger } from '../src/observability/logger.ts';
import { createMetrics } from '../src/observability/metrics.ts';
import type { Cache } from '../src/ports/cache.ts';

describe('HTTP errors of a dependency that is down', () => {
  let redis: PrivateRedis;
  let cache: Cache;
  before(async () => {
    redis = await startPrivateRedis();
    cache = await createRedisCache({ url: redis.url, prefix: 'dep:' });
  });
  after(async () => {
    await cache?.close();
    await redis?.stop();
  });

  it('Redis stopped: 503 with the contract body and Retry-After, fast; a bug is still 500', async () => {
    const app = createHttpApp({
      logger: createLogger({ level: 'silent' }),
      metrics: createMetrics(),
      bodyLimitBytes: 1024,
    });
    app.get('/needs-redis', async () => ({ value: await cache.get('k') }));
    app.get('/bug', async () => {
      throw new TypeError('undefined is not a function');
    });
    await app.ready();
    assert.equal((await app.inject({ method: 'GET', url: '/needs-redis' })).statusCode, 200);

    await redis.kill9();
    const started = Date.now();
    const res = await app.inject({ method: 'GET', url: '/needs-redis' });
    assert.equal(res.statusCode, 503);
    const body = res.json() as { status: number; error: string; path: string };
    assert.equal(body.error, 'SERVICE_UNAVAILABLE');
    assert.equal(body.status, 503);
    assert.equal(body.path, '/needs-redis');
    assert.equal(res.headers['retry-after'], '1');
    assert.ok(Date.now() - started < 5000, 'the Redis call failed fast');
    assert.equal((await app.inject({ method: 'GET', url: '/bug' })).statusCode, 500);
    await app.close();
  });
});
