import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { createMemoryCache, type MemoryCacheOptions } from '../cache/memory.ts';
import { createRedisCache } from '../cache/redis.ts';
import type { Cache } from '../ports/cache.ts';
import type { PubSub } from '../ports/pubsub.ts';
import type { SqlDatabase } from '../ports/sql.ts';
import { createMemoryPubSub, type MemoryPubSubOptions } from '../pubsub/memory.ts';
import { createRedisPubSub, type RedisPubSubOptions } from '../pubsub/redis.ts';
import { createPgliteDatabase } from '../sql/pglite.ts';
import { createPostgresDatabase } from '../sql/postgres.ts';
import { seedPgliteDir } from './pglite-template.ts';
import { testServiceUrls, uniqueName } from './services.ts';

/** Runs `fn` with a client on the test server's admin database (create/drop databases). */
export async function withAdminClient<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testServiceUrls.postgres });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh PostgreSQL database of its own; close() drops it. */
export async function createTestPostgres(
  opts: { poolSize?: number } = {},
): Promise<SqlDatabase & { url: string }> {
  const name = uniqueName('test');
  await withAdminClient((c) => c.query(`create database "${name}"`));
  const url = new URL(testServiceUrls.postgres);
  url.pathname = `/${name}`;
  let db: SqlDatabase;
  try {
    db = await createPostgresDatabase({ url: url.toString(), poolSize: opts.poolSize });
  } catch (err) {
    await withAdminClient((c) => c.query(`drop database if exists "${name}" with (force)`));
    throw err;
  }
  return {
    ...db,
    url: url.toString(),
    async close() {
      await db.close();
      await withAdminClient((c) => c.query(`drop database if exists "${name}" with (force)`));
    },
  };
}

/**
 * A PGlite database of its own in a temporary folder, started from a copy of an initialised
 * cluster (no initdb per test); close() removes the folder.
 */
export async function createTestPglite(opts: { inWorker?: boolean } = {}): Promise<SqlDatabase> {
  const dir = await mkdtemp(join(tmpdir(), 'chat-test-pglite-'));
  let db: SqlDatabase;
  try {
    await seedPgliteDir(join(dir, 'pg'));
    db = await createPgliteDatabase({ dataDir: join(dir, 'pg'), inWorker: opts.inWorker });
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    ...db,
    async close() {
      await db.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Deletes every key under `prefix` (SCAN, never KEYS). */
export async function deleteRedisPrefix(prefix: string): Promise<void> {
  const client = new Redis(testServiceUrls.redis, { lazyConnect: true });
  await client.connect();
  try {
    const match = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', match, 'COUNT', 500);
      if (keys.length > 0) await client.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await client.quit();
  }
}

/** A Redis cache under a unique prefix; close() deletes that prefix's keys. */
export async function createTestRedisCache(): Promise<Cache> {
  const prefix = `${uniqueName('test')}:`;
  const cache = await createRedisCache({ url: testServiceUrls.redis, prefix });
  return {
    ...cache,
    async close() {
      await cache.close();
      await deleteRedisPrefix(prefix);
    },
  };
}

/** Redis pub/sub under a unique prefix (channels of other tests stay invisible). */
export async function createTestRedisPubSub(
  opts: Partial<Pick<RedisPubSubOptions, 'onHandlerError' | 'prefix'>> = {},
): Promise<PubSub> {
  const prefix = opts.prefix ?? `${uniqueName('test')}:`;
  return createRedisPubSub({ ...opts, url: testServiceUrls.redis, prefix });
}

export function createTestMemoryCache(opts: MemoryCacheOptions = {}): Cache {
  return createMemoryCache(opts);
}

export function createTestMemoryPubSub(opts: MemoryPubSubOptions = {}): PubSub {
  return createMemoryPubSub(opts);
}
