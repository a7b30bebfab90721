import { deleteRedisPrefix, testServiceUrls, uniqueName, withAdminClient } from '@chat/platform/testing';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';

/** Environment pointing at real PostgreSQL, Redis and NATS, isolated for one test run. */
export interface RealBackend {
  /** DATABASE_URL (a fresh database), REDIS_URL, NATS_URL and a unique NAMESPACE. */
  readonly env: Readonly<Record<string, string>>;
  /** Drops the database, the namespace's Redis keys and its JetStream streams. */
  cleanup(): Promise<void>;
}

/** Deletes every JetStream stream whose name starts with the namespace. */
export async function deleteNatsPrefix(prefix: string): Promise<void> {
  const nc = await connect({ servers: testServiceUrls.nats.replace(/^nats:\/\//, '') });
  try {
    const jsm = await jetstreamManager(nc);
    const names: string[] = [];
    for await (const name of jsm.streams.names()) if (name.startsWith(`${prefix}_`)) names.push(name);
    for (const name of names) await jsm.streams.delete(name).catch(() => undefined);
  } finally {
    await nc.close();
  }
}

export async function createRealBackend(): Promise<RealBackend> {
  const namespace = uniqueName('t');
  const database = namespace;
  await withAdminClient((c) => c.query(`create database "${database}"`));
  const url = new URL(testServiceUrls.postgres);
  url.pathname = `/${database}`;
  return {
    env: {
      DATABASE_URL: url.toString(),
      REDIS_URL: testServiceUrls.redis,
      NATS_URL: testServiceUrls.nats,
      NAMESPACE: namespace,
    },
    async cleanup() {
      await withAdminClient((c) => c.query(`drop database if exists "${database}" with (force)`));
      await deleteRedisPrefix(`${namespace}:`);
      await deleteNatsPrefix(namespace);
    },
  };
}
