import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { cpuBetween, cpuByProcess, groupPssBytes } from '../lib/proc.ts';
import { Histogram } from './load/histogram.ts';
import type { FromWorker, StepReport } from './load/messages.ts';
import { LoadWorkers } from './load/workers.ts';
import type { RunningTarget, Target } from './targets/target.ts';

export interface Workload {
  rooms: number;
  roomSize: number;
  rates: number[];
  warmupMs: number;
  measureMs: number;
  workers: number;
  /** Fresh connections opened to measure connect + authenticate + subscribe per second. */
  connects: number;
}

export interface StepResult {
  offered: number;
  /** Acknowledged messages per second (RECEIPTs, acks) in the measured window. */
  accepted: number;
  deliveries: number;
  deliver: { p50: number; p95: number; p99: number };
  ack: { p50: number; p95: number; p99: number };
  /** Sends refused per second in the measured window (error replies: ours' SERVER_BUSY past saturation). */
  refused: number;
  /** Connections the server closed during the step. */
  closed: number;
  outstanding: number;
  /** Cores busy on average in the window: the server, its backing services, the load generator. */
  serverCores: number;
  backingCores: number;
  loadCores: number;
  serverMb: number;
  backingMb: number;
}

export interface BlockResult {
  target: string;
  round: number;
  /** The machine's 1-minute load average before the block. */
  loadBefore: number;
  connected: number;
  failed: number;
  steps: StepResult[];
  connectsPerSec: number;
  connectFailed: number;
}

type Ready = Extract<FromWorker, { type: 'ready' }>;
type Opened = Extract<FromWorker, { type: 'opened' }>;

const MB = 1024 * 1024;
const quantiles = (h: Histogram) => ({ p50: h.percentile(50), p95: h.percentile(95), p99: h.percentile(99) });

async function step(target: RunningTarget, workers: LoadWorkers, rate: number, w: Workload, share: number[]) {
  const startAt = Date.now() + 300;
  const asked = workers.ask<StepReport>((i) => ({
    type: 'step',
    rate: rate * share[i]!,
    startAt,
    warmupMs: w.warmupMs,
    measureMs: w.measureMs,
    drainMs: 60_000,
  }));
  await sleep(startAt + w.warmupMs - Date.now());
  const usage = () => ({
    server: cpuByProcess(target.serverPids()),
    backing: cpuByProcess(target.backingPids()),
  });
  const before = usage();
  const sampled = performance.now();
  await sleep(w.measureMs);
  const after = usage();
  const cpuSeconds = (performance.now() - sampled) / 1000;
  const serverMb = groupPssBytes(target.serverPids()) / MB;
  const backingMb = groupPssBytes(target.backingPids()) / MB;
  const reports = await asked;
  // Rates over the window as it ran in the workers (the longest; a busy loop stretches it).
  const seconds = Math.max(...reports.map((r) => r.windowMs)) / 1000;
  const deliver = new Histogram();
  const ack = new Histogram();
  for (const r of reports) {
    deliver.merge(r.deliver);
    ack.merge(r.ack);
  }
  const sum = (f: (r: StepReport) => number) => reports.reduce((n, r) => n + f(r), 0);
  return {
    offered: rate,
    accepted: sum((r) => r.acks) / seconds,
    deliveries: sum((r) => r.deliveries) / seconds,
    deliver: quantiles(deliver),
    ack: quantiles(ack),
    refused: sum((r) => r.errors) / seconds,
    outstanding: sum((r) => r.outstanding),
    closed: sum((r) => r.closed),
    serverCores: cpuBetween(before.server, after.server) / cpuSeconds,
    backingCores: cpuBetween(before.backing, after.backing) / cpuSeconds,
    loadCores: sum((r) => r.cpuSeconds) / seconds,
    serverMb,
    backingMb,
  } satisfies StepResult;
}

/**
 * One block: start the target, connect one client per member, measure the connect rate, then
 * step the offered rate up (a step far past saturation ends the ladder), and stop.
 */
export async function runBlock(target: Target, round: number, w: Workload): Promise<BlockResult> {
  const loadBefore = loadavg()[0] ?? 0;
  const running = await target.start();
  const workers = LoadWorkers.spawn(w.workers);
  try {
    const rooms = await running.rooms(w.rooms, w.roomSize);
    const shares = workers.share(rooms);
    const ready = await workers.ask<Ready>((i) => ({
      type: 'init',
      protocol: running.protocol,
      urls: running.urls,
      rooms: shares[i]!,
    }));
    const connected = ready.reduce((n, r) => n + r.connected, 0);
    const share = shares.map((s) => s.length / rooms.length);
    // The connect rate first, while the server is quiet (a saturated step leaves a backlog).
    const startAt = Date.now() + 2000;
    const opened = await workers.ask<Opened>((i) => ({
      type: 'open',
      protocol: running.protocol,
      urls: running.urls,
      rooms: shares[i]!,
      count: Math.round(w.connects * share[i]!),
      concurrency: 50,
      startAt,
      keep: false,
    }));
    const steps: StepResult[] = [];
    for (const rate of w.rates) {
      const result = await step(running, workers, rate, w, share);
      steps.push(result);
      if (result.accepted < rate * 0.5) break; // saturated: higher rates only add backlog
    }
    const slowest = Math.max(...opened.map((o) => o.ms));
    return {
      target: target.name,
      round,
      loadBefore,
      connected,
      failed: ready.reduce((n, r) => n + r.failed, 0),
      steps,
      connectsPerSec: (opened.reduce((n, o) => n + o.connected, 0) * 1000) / slowest,
      connectFailed: opened.reduce((n, o) => n + o.failed, 0),
    };
  } finally {
    await workers.close();
    await running.stop();
  }
}

export interface IdleResult {
  target: string;
  /** Server memory (PSS, MB) after each count of idle connections. */
  points: { connections: number; serverMb: number }[];
  failed: number;
  firstError?: string;
  /** Marginal memory per connection between the first and the last point, bytes. */
  bytesPerConnection: number;
}

/**
 * Idle connections, each authenticated and subscribed to its room, opened in steps up to
 * `counts`' last value; the server's memory after each step (settled) gives the curve.
 */
export async function runIdle(target: Target, counts: number[], w: Workload): Promise<IdleResult> {
  const running = await target.start();
  const workers = LoadWorkers.spawn(w.workers);
  try {
    const rooms = await running.rooms(w.rooms, w.roomSize);
    const shares = workers.share(rooms);
    const points: IdleResult['points'] = [];
    let open = 0;
    let failed = 0;
    let firstError: string | undefined;
    for (const count of counts) {
      const opened = await workers.ask<Opened>((i) => ({
        type: 'open',
        protocol: running.protocol,
        urls: running.urls,
        rooms: shares[i]!,
        count: Math.round((count - open) / workers.size),
        concurrency: 100,
        startAt: Date.now(),
        keep: true,
      }));
      open += opened.reduce((n, o) => n + o.connected, 0);
      failed += opened.reduce((n, o) => n + o.failed, 0);
      firstError ??= opened.find((o) => o.firstError)?.firstError;
      await sleep(3000); // let allocation settle
      points.push({ connections: open, serverMb: groupPssBytes(running.serverPids()) / MB });
      if (failed > 0) break;
    }
    const first = points[0];
    const last = points.at(-1);
    const bytesPerConnection =
      first && last && last.connections > first.connections
        ? ((last.serverMb - first.serverMb) * MB) / (last.connections - first.connections)
        : Number.NaN;
    return { target: target.name, points, failed, ...(firstError ? { firstError } : {}), bytesPerConnection };
  } finally {
    await workers.close();
    await running.stop();
  }
}
