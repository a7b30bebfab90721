import { randomBytes } from 'node:crypto';
import { skipUnless } from '@chat/platform/testing';
import { createRealBackend } from '@chat/testing';
import { runIdleConnections } from './chat/idle-connections.ts';
import { runThroughput, type ThroughputResult } from './chat/throughput.ts';
import { startServerProcess } from './lib/server-process.ts';
import { fmt } from './lib/stats.ts';

const TARGET = {
  messagesPerSec: 5000,
  deliveriesPerSec: 50_000,
  p99Ms: 50,
  idleConnections: 20_000,
  bytesPerConn: 30 * 1024,
};
const BENCH_ENV = {
  CHAT_SEND_RATE_PER_SEC: '100000',
  CHAT_SEND_BURST: '100000',
  LOGIN_RATE_PER_MIN: '100000',
  ...(process.env.BENCH_LOG_PARTITIONS ? { LOG_PARTITIONS: process.env.BENCH_LOG_PARTITIONS } : {}),
};

function describe(mode: string, results: ThroughputResult[]): string[] {
  const lines = [`${mode}: 50 rooms x 10 members, 100 connections, each SEND with a receipt`];
  for (const r of results) {
    lines.push(
      `offered ${fmt(r.targetRate)} msg/s -> accepted ${fmt(r.acceptedPerSec)} msg/s ` +
        `(${fmt((100 * r.acceptedPerSec) / TARGET.messagesPerSec)}% of target ${fmt(TARGET.messagesPerSec)}), ` +
        `deliveries ${fmt(r.deliveriesPerSec)}/s (${fmt((100 * r.deliveriesPerSec) / TARGET.deliveriesPerSec)}% of ${fmt(TARGET.deliveriesPerSec)}), ` +
        `send->deliver p50/p95/p99 ${r.latency.p50}/${r.latency.p95}/${r.latency.p99} ms (target p99 < ${TARGET.p99Ms}), ` +
        `send->receipt p99 ${r.receiptLatency.p99} ms, errors ${r.errors}, unreceipted at end ${r.outstanding}, ` +
        `CPU per message: server ${fmt(r.serverCpuUsPerMessage)} µs, machine ${fmt(r.machineCpuUsPerMessage)} µs`,
    );
  }
  return lines;
}

/** Offered loads, msg/s; `BENCH_CHAT_RATES=5000` runs one step (e.g. to profile it). */
const RATES = (process.env.BENCH_CHAT_RATES ?? '1000,2500,5000').split(',').map(Number);

const throughput = (env: Record<string, string>, tag: string) => async () => {
  const server = await startServerProcess({ ...BENCH_ENV, ...env });
  try {
    return await runThroughput({
      url: server.url,
      wsUrl: server.wsUrl,
      rates: RATES,
      rooms: 50,
      membersPerRoom: 10,
      users: 100,
      warmupSec: 3,
      measureSec: 8,
      tag,
      serverCpuSeconds: () => server.cpuSeconds(),
    });
  } finally {
    await server.stop();
  }
};

export async function chatEmbeddedBench(): Promise<string[]> {
  return describe(
    'embedded (PGlite, in-process pub/sub, log in PGlite)',
    await throughput({}, `e${Date.now()}`)(),
  );
}

export async function chatDistributedBench(): Promise<string[]> {
  const skip = await skipUnless('bench chat-distributed', 'postgres', 'redis', 'nats');
  if (skip) return [`skipped: ${skip}`];
  const dist = await createRealBackend();
  const env = { ...dist.env, JWT_SECRET: randomBytes(32).toString('hex') };
  try {
    return describe(
      'distributed (PostgreSQL, Redis, NATS JetStream), one node',
      await throughput(env, `d${Date.now()}`)(),
    );
  } finally {
    await dist.cleanup();
  }
}

export async function idleConnectionsBench(): Promise<string[]> {
  // A process may hold at most 20,000 file descriptors on this machine (hard limit), so the
  // server cannot reach 20,000 sockets; measure just under it and report per connection.
  const count = Number(process.env.BENCH_IDLE_CONNECTIONS ?? 19_000);
  // One user holds every connection, none sends heart-beats: lift the per-user and idle limits.
  const server = await startServerProcess(
    {
      ...BENCH_ENV,
      STOMP_MAX_CONNECTIONS_PER_USER: String(count + 1000),
      STOMP_MAX_IDLE_MS: '0',
    },
    { inspect: true },
  );
  try {
    const r = await runIdleConnections(server, count);
    return [
      `${fmt(r.connections)} idle authenticated STOMP connections (failed ${r.failed}); target ${fmt(TARGET.idleConnections)} ` +
        '(this machine caps a process at 20,000 file descriptors)',
      `server RSS ${fmt(r.rssBeforeMb, 1)} MB (first 2,000) -> ${fmt(r.rssAfterMb, 1)} MB (all): ${fmt(r.bytesPerConnection / 1024, 1)} KB per added connection ` +
        `(target < ${TARGET.bytesPerConn / 1024} KB; ${fmt((100 * r.bytesPerConnection) / TARGET.bytesPerConn)}% of budget)`,
      `heap + external after a full collection: ${fmt((r.heapBytesPerConnection ?? Number.NaN) / 1024, 1)} KB per added connection ` +
        '(RSS also counts garbage not yet collected and freed pages the allocator keeps)',
    ];
  } finally {
    await server.stop();
  }
}
