// A private Redis for fault tests: no persistence (a restart comes back empty, as a Redis
// without AOF/RDB does after a crash), on a free port of 127.0.0.1.
import { Redis } from 'ioredis';
import { freePort } from '../spawn-server.ts';
import { PrivateProcess, type PrivateServer, runPrivateServer } from './private-process.ts';

/** The redis-server command (TEST_REDIS_SERVER overrides). */
export const REDIS_SERVER = process.env.TEST_REDIS_SERVER ?? 'redis-server';

/** url: redis://127.0.0.1:<port>; a restart comes back empty. */
export type PrivateRedis = PrivateServer;

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  const server = new PrivateProcess({
    name: `redis :${port}`,
    command: REDIS_SERVER,
    args: ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    async probe() {
      const client = new Redis(url, {
        lazyConnect: true,
        maxRetriesPerRequest: 0,
        retryStrategy: () => null,
      });
      client.on('error', () => undefined);
      try {
        await client.connect();
        await client.ping();
      } finally {
        client.disconnect();
      }
    },
  });
  return runPrivateServer(server, { port, url });
}
