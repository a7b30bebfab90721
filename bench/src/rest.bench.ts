import { randomBytes } from 'node:crypto';
import { skipUnless } from '@chat/platform/testing';
import { createRealBackend } from '@chat/testing';
import { startServerProcess } from './lib/server-process.ts';
import { fmt } from './lib/stats.ts';
import { type RestResult, runRestLoad, seed } from './rest/rest-load.ts';

/** The original Spring system's figures for the same mix at 200 virtual users. */
const ORIGINAL = { requestsPerSec: 1598, p50: 16, p95: 149 };
const TARGET = { requestsPerSec: 10_000, p95: 25 };
const CONNECTIONS = 200;
const SECONDS = Number(process.env.BENCH_REST_SECONDS ?? 15);

function describe(mode: string, r: RestResult): string[] {
  return [
    `${mode}: ${CONNECTIONS} concurrent clients, room list + room detail + message page, ${fmt(r.seconds)} s`,
    `${fmt(r.requestsPerSec)} req/s (original ${fmt(ORIGINAL.requestsPerSec)}, x${fmt(r.requestsPerSec / ORIGINAL.requestsPerSec, 1)}; ` +
      `target ${fmt(TARGET.requestsPerSec)}, ${fmt((100 * r.requestsPerSec) / TARGET.requestsPerSec)}%)`,
    `latency p50/p95/p99 ${r.latency.p50}/${r.latency.p95}/${r.latency.p99} ms ` +
      `(original p50 ${ORIGINAL.p50}, p95 ${ORIGINAL.p95}; target p95 < ${TARGET.p95}); non-2xx ${r.non2xx}, errors ${r.errors}`,
    `${fmt(r.bytesPerResponse)} bytes per response on average`,
  ];
}

async function run(env: Record<string, string>, mode: string): Promise<string[]> {
  const server = await startServerProcess({
    CHAT_SEND_RATE_PER_SEC: '100000',
    CHAT_SEND_BURST: '100000',
    LOGIN_RATE_PER_MIN: '100000',
    ...env,
  });
  try {
    const data = await seed(server.url, server.wsUrl, 200, `rest${Date.now()}`);
    await runRestLoad(server.url, data, CONNECTIONS, 3); // warm-up
    return describe(mode, await runRestLoad(server.url, data, CONNECTIONS, SECONDS));
  } finally {
    await server.stop();
  }
}

export function restEmbeddedBench(): Promise<string[]> {
  return run({}, 'embedded');
}

export async function restDistributedBench(): Promise<string[]> {
  const skip = await skipUnless('bench rest-distributed', 'postgres', 'redis', 'nats');
  if (skip) return [`skipped: ${skip}`];
  const backend = await createRealBackend();
  try {
    return await run(
      { ...backend.env, JWT_SECRET: randomBytes(32).toString('hex') },
      'distributed (PostgreSQL, Redis, NATS)',
    );
  } finally {
    await backend.cleanup();
  }
}
