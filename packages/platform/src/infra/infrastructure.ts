import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import { createMemoryCache } from '../cache/memory.ts';
import { createRedisCache } from '../cache/redis.ts';
import type { Config } from '../config/config.ts';
import { type ConsumerRegistry, createConsumerRegistry } from '../log/consumer-registry.ts';
import { createEmbeddedEventLog } from '../log/embedded.ts';
import { instrumentEventLog, lagOfRegisteredGroups } from '../log/instrumented.ts';
import { createNatsEventLog } from '../log/nats.ts';
import { registerDatabaseMetrics } from '../observability/db-metrics.ts';
import { createEventLogMetrics } from '../observability/eventlog-metrics.ts';
import type { Metrics } from '../observability/metrics.ts';
import { createPubSubMetrics } from '../observability/pubsub-metrics.ts';
import type { Cache } from '../ports/cache.ts';
import type { EventLog } from '../ports/event-log.ts';
import type { ObjectStore } from '../ports/object-store.ts';
import type { PubSub } from '../ports/pubsub.ts';
import type { SqlDatabase } from '../ports/sql.ts';
import { instrumentPubSub } from '../pubsub/instrumented.ts';
import { createMemoryPubSub } from '../pubsub/memory.ts';
import { createRedisPubSub } from '../pubsub/redis.ts';
import { startEmbeddedUpkeep } from '../sql/embedded-upkeep.ts';
import { createPgliteDatabase } from '../sql/pglite.ts';
import { createPostgresDatabase } from '../sql/postgres.ts';
import { createFilesystemObjectStore } from '../storage/filesystem.ts';
import { absentDatabase, absentEventLog, absentObjectStore } from './absent.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { makeDataDirPrivate, usePrivateUmask } from './data-dir-permissions.ts';
import { connectOrExplain, StartupError } from './startup-error.ts';

/** The embedded database's folder inside DATA_DIR. */
export const EMBEDDED_DB_DIR = 'pg';

/** The embedded object store's folder inside DATA_DIR (when STORAGE_DIR is not set). */
export const EMBEDDED_FILES_DIR = 'files';

/** The object store's files are made 0600 by it: the permission walk need not visit them all. */
const keepOut = { notInside: [EMBEDDED_FILES_DIR] };

/** The five ports, each backed by its distributed or embedded adapter. */
export interface Infrastructure {
  readonly db: SqlDatabase;
  readonly cache: Cache;
  readonly pubsub: PubSub;
  readonly log: EventLog;
  /** Attachments and assets: S3 when S3_BUCKET is set, else files under STORAGE_DIR or DATA_DIR. */
  readonly storage: ObjectStore;
  /** The (topic, group) pairs consumed in this process (the log registers them). */
  readonly consumers: ConsumerRegistry;
  /** embedded: nothing configured; distributed: all three URLs; mixed: some. */
  readonly mode: 'embedded' | 'distributed' | 'mixed';
  close(): Promise<void>;
}

/**
 * Picks each adapter from the configuration: a URL means the real server, none means the
 * embedded one. Connection failures become one-line StartupErrors naming the variable.
 * With `metrics`, the log, pub/sub and database pool report to its registry.
 */
export async function createInfrastructure(
  config: Config,
  logger: Logger,
  metrics?: Metrics,
): Promise<Infrastructure> {
  const onError = (component: string) => (err: Error) => logger.error({ err, component }, 'connection error');
  const onHandlerError = (err: unknown, channel: string) =>
    logger.error({ err, channel }, 'pub/sub handler failed');
  const opened: { close(): Promise<void> }[] = [];
  let unlock: (() => void) | undefined;
  let privateDir: string | undefined;
  const track = <T extends { close(): Promise<void> }>(c: T): T => {
    opened.push(c);
    return c;
  };
  // The gateway alone keeps no data: no database, no event log (see absent.ts).
  const keepsData = config.services.some((s) => s !== 'gateway');
  try {
    let db: SqlDatabase;
    let upkeep: { close(): Promise<void> } | undefined;
    if (!keepsData) {
      db = absentDatabase();
    } else if (config.databaseUrl) {
      const url = config.databaseUrl;
      db = track(
        await connectOrExplain('DATABASE_URL', () =>
          createPostgresDatabase({ url, poolSize: config.databasePoolSize, onError: onError('db') }),
        ),
      );
    } else {
      const dataDir = resolve(config.dataDir);
      // The embedded database is readable by its owner only: DATA_DIR 0700, files 0600.
      usePrivateUmask();
      await connectOrExplain('DATA_DIR', async () => makeDataDirPrivate(dataDir, keepOut));
      unlock = await connectOrExplain('DATA_DIR', async () => lockDataDir(dataDir));
      db = track(
        await connectOrExplain('DATA_DIR', () =>
          createPgliteDatabase({ dataDir: join(dataDir, EMBEDDED_DB_DIR) }),
        ),
      );
      makeDataDirPrivate(dataDir, keepOut);
      privateDir = dataDir;
      upkeep = track(startEmbeddedUpkeep(db, logger));
    }
    const prefix = config.namespace;
    let cache: Cache;
    let pubsub: PubSub;
    if (config.redisUrl) {
      const url = config.redisUrl;
      cache = track(
        await connectOrExplain('REDIS_URL', () =>
          createRedisCache({ url, prefix: `${prefix}:`, onError: onError('cache') }),
        ),
      );
      pubsub = track(
        await connectOrExplain('REDIS_URL', () =>
          createRedisPubSub({ url, prefix: `${prefix}:`, onError: onError('pubsub'), onHandlerError }),
        ),
      );
    } else {
      cache = track(createMemoryCache());
      pubsub = track(createMemoryPubSub({ onHandlerError }));
    }
    // Embedded: one partition, so the persistence consumer gets the largest batches; PGlite
    // runs one statement at a time, so more partitions would add statements, not parallelism.
    const partitions = config.log.partitions ?? (config.natsUrl ? 16 : 1);
    const rawLog = !keepsData
      ? absentEventLog()
      : config.natsUrl
        ? track(
            await connectOrExplain('NATS_URL', () =>
              createNatsEventLog({
                url: config.natsUrl!,
                prefix,
                defaultPartitions: partitions,
                leaseTtlMs: config.log.leaseTtlMs,
                retentionMs: config.log.retentionHours * 3600_000,
                replicas: config.log.replicas,
                onError: (err, context) => logger.error({ err, context }, 'event log error'),
              }),
            ),
          )
        : track(await createEmbeddedEventLog({ db, defaultPartitions: partitions }));
    const storage = keepsData ? track(await createObjectStore(config, logger)) : absentObjectStore();
    const consumers = createConsumerRegistry();
    const registry = metrics?.registry;
    const log = instrumentEventLog(rawLog, {
      consumers,
      metrics: registry && createEventLogMetrics(registry, () => lagOfRegisteredGroups(rawLog, consumers)),
    });
    if (registry) {
      pubsub = instrumentPubSub(pubsub, createPubSubMetrics(registry));
      registerDatabaseMetrics(registry, db);
    }
    const configured = [config.databaseUrl, config.redisUrl, config.natsUrl].filter(Boolean).length;
    const mode = configured === 0 ? 'embedded' : configured === 3 ? 'distributed' : 'mixed';
    const releaseLock = unlock;
    const ownDir = privateDir;
    return {
      db,
      cache,
      pubsub,
      log,
      storage,
      consumers,
      mode,
      async close() {
        // Log first (it may still commit to the database), database last.
        await upkeep?.close();
        for (const c of [log, pubsub, cache, storage, db]) await c.close().catch(() => undefined);
        // PGlite rewrites a few files (pg_internal.init) with its own modes while running.
        if (ownDir) {
          try {
            makeDataDirPrivate(ownDir, keepOut);
          } catch (err) {
            logger.warn({ err }, 'could not restrict DATA_DIR permissions');
          }
        }
        releaseLock?.();
      },
    };
  } catch (err) {
    for (const c of opened.reverse()) await c.close().catch(() => undefined);
    unlock?.();
    throw err;
  }
}

/**
 * S3 when configured (its SDK loaded only then), else a folder: STORAGE_DIR, or DATA_DIR/files.
 * A folder inside DATA_DIR is this node's alone, so a deployment on shared servers is warned.
 */
async function createObjectStore(config: Config, logger: Logger): Promise<ObjectStore> {
  const s3 = config.storage.s3;
  if (s3) {
    const { createS3ObjectStore } = await import('../storage/s3.ts');
    const store = createS3ObjectStore({ ...s3, prefix: `${config.namespace}/`, logger });
    const health = await store.health();
    if (health.status !== 'UP') {
      await store.close();
      throw new StartupError(`cannot use S3_BUCKET ${s3.bucket}: ${String(health.details.reason)}`);
    }
    return store;
  }
  const dir = resolve(config.storage.dir ?? join(config.dataDir, EMBEDDED_FILES_DIR));
  if (!config.storage.dir && (config.databaseUrl || config.natsUrl)) {
    logger.warn(
      { dir },
      'attachments are kept in DATA_DIR on this node only: with several chat nodes set S3_BUCKET, or STORAGE_DIR to a volume they all mount',
    );
  }
  return connectOrExplain(config.storage.dir ? 'STORAGE_DIR' : 'DATA_DIR', () =>
    createFilesystemObjectStore({ dir }),
  );
}
