import { randomBytes } from 'node:crypto';
import { runThroughput, type ThroughputResult } from './chat/throughput.ts';
import { type ServerProcess, startServerProcess } from './lib/server-process.ts';
import { fmt } from './lib/stats.ts';
import { type RestResult, runRestLoad, seed } from './rest/rest-load.ts';

// The gateway in front of the services (SERVICES=gateway -> one backend process running auth,
// users and chat, embedded) against the same backend reached directly, on the same machine in
// the same run. Rounds alternate direct/gateway so the machine's noise hits both alike.

const TARGET = { p50OverheadMs: 1, throughputRatio: 0.7 };
const SECONDS = Number(process.env.BENCH_GATEWAY_SECONDS ?? 5);
const ROUNDS = 2;
const CONNECTIONS = 100;
/** Users seeded for the REST mix (each in 5 rooms of 100 messages): enough for the mix, cheap to seed. */
const USERS = 100;
const STOMP_RATE = Number(process.env.BENCH_GATEWAY_STOMP_RATE ?? 2000);
const LIMITS = { CHAT_SEND_RATE_PER_SEC: '100000', CHAT_SEND_BURST: '100000', LOGIN_RATE_PER_MIN: '100000' };

const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

interface Paths {
  readonly direct: ServerProcess;
  readonly gateway: ServerProcess;
}

/** A round of the REST mix, with the CPU the whole system (load generator and servers) spent on it. */
interface RestRound extends RestResult {
  readonly cpuUsPerRequest: number;
}

/** CPU seconds used so far by this process (the load generator) and both servers. */
function systemCpuSeconds(paths: Paths): number {
  const own = process.cpuUsage();
  return (own.user + own.system) / 1e6 + paths.direct.cpuSeconds() + paths.gateway.cpuSeconds();
}

async function restRounds(paths: Paths, data: Awaited<ReturnType<typeof seed>>, connections: number) {
  const runs: Record<keyof Paths, RestRound[]> = { direct: [], gateway: [] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const path of ['direct', 'gateway'] as const) {
      const cpuBefore = systemCpuSeconds(paths);
      const result = await runRestLoad(paths[path].url, data, connections, SECONDS);
      const requests = result.requestsPerSec * result.seconds;
      const cpuUsPerRequest = ((systemCpuSeconds(paths) - cpuBefore) * 1e6) / requests;
      runs[path].push({ ...result, cpuUsPerRequest });
    }
  }
  return runs;
}

function restLines(title: string, runs: Record<keyof Paths, RestRound[]>): string[] {
  const rate = (p: keyof Paths) => mean(runs[p].map((r) => r.requestsPerSec));
  const p50 = (p: keyof Paths) => mean(runs[p].map((r) => r.latency.p50 ?? Number.NaN));
  const p99 = (p: keyof Paths) => mean(runs[p].map((r) => r.latency.p99 ?? Number.NaN));
  const cpu = (p: keyof Paths) => mean(runs[p].map((r) => r.cpuUsPerRequest));
  const bad = (p: keyof Paths) => runs[p].reduce((n, r) => n + r.non2xx + r.errors, 0);
  return (['direct', 'gateway'] as const).map(
    (p) =>
      `${title} ${p.padEnd(7)}: ${fmt(rate(p))} req/s, p50 ${fmt(p50(p), 2)} ms, p99 ${fmt(p99(p), 2)} ms, ` +
      `CPU ${fmt(cpu(p))} µs/request (all processes), non-2xx/errors ${bad(p)}`,
  );
}

function stompLine(path: string, r: ThroughputResult): string {
  return (
    `STOMP ${path.padEnd(7)}: offered ${fmt(r.targetRate)} msg/s -> accepted ${fmt(r.acceptedPerSec)} msg/s, ` +
    `deliveries ${fmt(r.deliveriesPerSec)}/s, send->deliver p50/p99 ${r.latency.p50}/${r.latency.p99} ms, ` +
    `errors ${r.errors}, unreceipted ${r.outstanding}`
  );
}

export async function gatewayBench(): Promise<string[]> {
  const startedAt = performance.now();
  const seconds = (from: number) => fmt((performance.now() - from) / 1000);
  const secret = randomBytes(32).toString('hex');
  const direct = await startServerProcess({ ...LIMITS, JWT_SECRET: secret, SERVICES: 'auth,users,chat' });
  let gateway: ServerProcess | undefined;
  try {
    gateway = await startServerProcess({
      JWT_SECRET: secret,
      SERVICES: 'gateway',
      AUTH_UPSTREAMS: direct.url,
      USERS_UPSTREAMS: direct.url,
      CHAT_UPSTREAMS: direct.url,
    });
    const paths: Paths = { direct, gateway };
    const data = await seed(direct.url, direct.wsUrl, USERS, `gw${Date.now()}`);
    for (const p of [direct, gateway]) await runRestLoad(p.url, data, CONNECTIONS, 2); // warm-up

    // Latency of one request at a time: what a hop adds, without queueing.
    const seededAt = performance.now();
    const single = await restRounds(paths, data, 1);
    // Throughput with the machine saturated.
    const loaded = await restRounds(paths, data, CONNECTIONS);

    const stompAt = performance.now();
    const stomp: Record<keyof Paths, ThroughputResult> = {} as never;
    for (const p of ['direct', 'gateway'] as const) {
      const [result] = await runThroughput({
        url: paths[p].url,
        wsUrl: paths[p].wsUrl,
        rates: [STOMP_RATE],
        rooms: 50,
        membersPerRoom: 10,
        users: 100,
        warmupSec: 2,
        measureSec: 6,
        tag: `gws${p}${Date.now()}`,
      });
      stomp[p] = result!;
    }

    const phases = `setup, seed and warm-up ${fmt((seededAt - startedAt) / 1000)} s, REST ${fmt((stompAt - seededAt) / 1000)} s, STOMP ${seconds(stompAt)} s`;
    const p50 = (p: keyof Paths) => mean(single[p].map((r) => r.latency.p50 ?? Number.NaN));
    const overhead = p50('gateway') - p50('direct');
    const rate = (p: keyof Paths) => mean(loaded[p].map((r) => r.requestsPerSec));
    const ratio = rate('gateway') / rate('direct');
    // Throughput when the machine is saturated by this test alone is cores / CPU per request:
    // this ratio is what the measured one tends to on a quiet machine, and other load moves it less.
    const cpu = (p: keyof Paths) => mean(loaded[p].map((r) => r.cpuUsPerRequest));
    const cpuRatio = cpu('direct') / cpu('gateway');
    const stompOverhead = (stomp.gateway.latency.p50 ?? 0) - (stomp.direct.latency.p50 ?? 0);
    return [
      `one backend process (auth, users, chat; embedded) reached directly and through a gateway process; ${ROUNDS} alternating rounds of ${SECONDS} s per path`,
      ...restLines('REST mix, 1 client   ', single),
      ...restLines(`REST mix, ${CONNECTIONS} clients`, loaded),
      stompLine('direct', stomp.direct),
      stompLine('gateway', stomp.gateway),
      `gateway p50 overhead (1 client): ${fmt(overhead, 2)} ms (target < ${TARGET.p50OverheadMs} ms) ${verdict(overhead < TARGET.p50OverheadMs)}`,
      `gateway throughput (${CONNECTIONS} clients): ${fmt(100 * ratio)}% of direct (target >= ${fmt(100 * TARGET.throughputRatio)}%) ${verdict(ratio >= TARGET.throughputRatio)}`,
      `gateway CPU per request (${CONNECTIONS} clients, all processes): ${fmt(cpu('gateway'))} µs vs ${fmt(cpu('direct'))} µs direct = ${fmt(100 * cpuRatio)}% of direct throughput for the same CPU (same target) ${verdict(cpuRatio >= TARGET.throughputRatio)}`,
      `STOMP through the gateway: send->deliver p50 ${fmt(stompOverhead, 2)} ms over direct, accepted ${fmt((100 * stomp.gateway.acceptedPerSec) / stomp.direct.acceptedPerSec)}% of direct`,
      `scenario time: ${seconds(startedAt)} s (${phases})`,
    ];
  } finally {
    await gateway?.stop();
    await direct.stop();
  }
}
