// PostgreSQL, Redis and NATS of one fault test, each its own process on a free port: the
// environment of a distributed deployment on them, and each dependency to kill and restart.
import { uniqueName } from '@chat/platform/testing';
import type { RealBackend } from '../real-backend.ts';
import { type PrivateNats, startPrivateNats } from './private-nats.ts';
import { type PrivatePostgres, startPrivatePostgres } from './private-postgres.ts';
import { type PrivateRedis, startPrivateRedis } from './private-redis.ts';

export interface PrivateBackend extends RealBackend {
  readonly postgres: PrivatePostgres;
  readonly redis: PrivateRedis;
  readonly nats: PrivateNats;
}

/** Starts the three (in parallel); if one fails, the others are stopped again. */
export async function startPrivateBackend(): Promise<PrivateBackend> {
  const started = await Promise.allSettled([startPrivatePostgres(), startPrivateRedis(), startPrivateNats()]);
  const [pg, redis, nats] = started;
  if (pg.status !== 'fulfilled' || redis.status !== 'fulfilled' || nats.status !== 'fulfilled') {
    for (const s of started) if (s.status === 'fulfilled') await s.value.stop();
    const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    throw failed?.reason;
  }
  return {
    postgres: pg.value,
    redis: redis.value,
    nats: nats.value,
    env: {
      DATABASE_URL: pg.value.url,
      REDIS_URL: redis.value.url,
      NATS_URL: nats.value.url,
      NAMESPACE: uniqueName('f'),
    },
    async cleanup() {
      await Promise.all([pg.value.stop(), redis.value.stop(), nats.value.stop()]);
    },
  };
}
