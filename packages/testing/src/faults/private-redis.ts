// A private Redis for fault tests: no persistence (a restart comes back empty, as a Redis
// without AOF/RDB does after a crash), on a free port of 127.0.0.1.
import { Redis } from 'ioredis';
import { freePort } from '../spawn-server.ts';
import { PrivateProcess } from './private-process.ts';

/** The redis-server command (TEST_REDIS_SERVER overrides). */
export const REDIS_SERVER = process.env.TEST_REDIS_SERVER ?? 'redis-server';

export interface PrivateRedis {
  readonly port: number;
  /** redis://127.0.0.1:<port> */
  readonly url: string;
  readonly pid: number | undefined;
  kill9(): Promise<void>;
  /** Same as kill9. */
  kill(): Promise<void>;
  /** Same as restart. */
  start(): Promise<void>;
  /** Starts it again on the same port, empty; resolves once it answers PING. */
  restart(): Promise<void>;
  stop(): Promise<void>;
  tail(): string;
}

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
  await server.start();
  return {
    port,
    url,
    get pid() {
      return server.pid;
    },
    kill9: () => server.kill9(),
    kill: () => server.kill9(),
    restart: () => server.start(),
    start: () => server.start(),
    stop: () => server.kill9(),
    tail: () => server.tail(),
  };
}
