import { cpus, totalmem } from 'node:os';
import { fmt } from '../lib/stats.ts';
import type { BlockResult, IdleResult, StepResult, Workload } from './measure.ts';
import { lineChart } from './svg-chart.ts';
import type { Target } from './targets/target.ts';

/** The issue's targets for this server (docs/benchmarks.md repeats them). */
export const GOALS = { p99Ms: 50, bytesPerConnection: 6 * 1024, connectsPerSec: 3000 };

export interface PeersRun {
  date: string;
  workload: Workload;
  rounds: number;
  /** `nodes`: server processes (absent in runs before the scale-out rows: one). */
  targets: { name: string; label: string; nodes?: number }[];
  blocks: BlockResult[];
  idle: IdleResult[];
  /**
   * The scale-out rows when they were measured in a run of their own (with their one-node rows,
   * so each is compared within its run); otherwise they are among this run's targets.
   */
  scaleOut?: PeersRun;
}

interface Spread {
  median: number;
  min: number;
  max: number;
}

function spread(values: number[]): Spread {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN };
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted.at(-1)! };
}

const show = (s: Spread, digits = 0) =>
  Number.isNaN(s.median)
    ? '-'
    : s.min === s.max
      ? fmt(s.median, digits)
      : `${fmt(s.median, digits)} (${fmt(s.min, digits)}–${fmt(s.max, digits)})`;

/** The steps of one target at one offered rate, across rounds. */
function stepsAt(run: PeersRun, target: string, rate: number): StepResult[] {
  return run.blocks
    .filter((b) => b.target === target)
    .flatMap((b) => b.steps.filter((s) => s.offered === rate));
}

/**
 * A step is sustained when nearly everything offered is acknowledged and delivered to every
 * member, no connection was lost, and p99 stays under the goal.
 */
const sustained = (roomSize: number) => (s: StepResult) =>
  s.accepted >= 0.95 * s.offered &&
  s.deliveries >= 0.95 * s.accepted * roomSize &&
  s.closed === 0 &&
  s.deliver.p99 < GOALS.p99Ms;

/** Per round, the highest offered rate the target sustained; the median over rounds. */
function capacity(run: PeersRun, target: string): Spread {
  return spread(
    run.blocks
      .filter((b) => b.target === target)
      .map((b) => Math.max(0, ...b.steps.filter(sustained(run.workload.roomSize)).map((s) => s.offered))),
  );
}

/** The sustained rate for the table: "≥ top" when the top rate held (the real limit is above). */
function showCapacity(run: PeersRun, target: string): string {
  const c = capacity(run, target);
  const top = Math.max(...run.workload.rates);
  return c.median >= top ? `≥ ${fmt(top)}` : show(c);
}

/** A capacity ratio means something only when neither side held the top rate. */
function capacityRatio(run: PeersRun, a: string, b: string): string {
  const top = Math.max(...run.workload.rates);
  const [x, y] = [capacity(run, a).median, capacity(run, b).median];
  if (x >= top && y >= top) return 'both ≥ top';
  if (y >= top) return `< ${ratio(x, top)}`;
  if (x >= top) return `> ${ratio(top, y)}`;
  return ratio(x, y);
}

const connects = (run: PeersRun, target: string) =>
  spread(run.blocks.filter((b) => b.target === target).map((b) => b.connectsPerSec));

const ratio = (a: number, b: number) =>
  Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${fmt(a / b, 2)}×` : '-';

const single = (run: PeersRun) => run.targets.filter((t) => (t.nodes ?? 1) === 1);
const scaled = (run: PeersRun) => run.targets.filter((t) => (t.nodes ?? 1) > 1);
/** A scale-out row's one-node target: `ours-distributed-x3` -> `ours-distributed`. */
const familyOf = (name: string) => name.replace(/-x\d+$/, '');

/** Per round, the most acknowledged msg/s of any step; the median over rounds. */
const peak = (run: PeersRun, target: string) =>
  spread(
    run.blocks.filter((b) => b.target === target).map((b) => Math.max(0, ...b.steps.map((s) => s.accepted))),
  );

/** The families with scale-out rows: each with its targets by node count (one node first). */
function scaleFamilies(run: PeersRun): { family: string; members: { name: string; nodes: number }[] }[] {
  const families = [...new Set(scaled(run).map((t) => familyOf(t.name)))];
  return families.map((family) => ({
    family,
    members: run.targets
      .filter((t) => familyOf(t.name) === family)
      .map((t) => ({ name: t.name, nodes: t.nodes ?? 1 }))
      .sort((a, b) => a.nodes - b.nodes),
  }));
}

export function charts(run: PeersRun): { latency: string; memory: string; scaleOut?: string } {
  const latency = lineChart({
    title: `send → deliver p99 vs offered load, ${run.workload.rooms} rooms of ${run.workload.roomSize}`,
    width: 860,
    xLabel: 'offered msg/s',
    yLabel: 'p99 ms (median of rounds, bars: range)',
    yScale: 'log',
    reference: { y: GOALS.p99Ms, label: `${GOALS.p99Ms} ms goal` },
    series: single(run).map((t) => ({
      name: t.name,
      points: run.workload.rates.flatMap((rate) => {
        const p99 = spread(stepsAt(run, t.name, rate).map((s) => s.deliver.p99));
        return Number.isNaN(p99.median) ? [] : [{ x: rate, y: p99.median, low: p99.min, high: p99.max }];
      }),
    })),
  });
  const memory = lineChart({
    title: 'server memory (PSS) vs idle subscribed connections',
    width: 860,
    xLabel: 'idle connections',
    yLabel: 'MB',
    series: run.idle.map((i) => ({
      name: i.target,
      points: i.points.map((p) => ({ x: p.connections, y: p.serverMb })),
    })),
  });
  const scaleRun = run.scaleOut ?? run;
  const families = scaleFamilies(scaleRun);
  if (families.length === 0) return { latency, memory };
  const scaleOut = lineChart({
    title: 'scale-out on one machine: most acknowledged msg/s vs nodes',
    width: 860,
    xLabel: 'nodes (server processes; every room spans them)',
    xWhole: true,
    yLabel: 'acknowledged msg/s (median of rounds, bars: range)',
    series: families.map((f) => ({
      name: f.family,
      points: f.members.flatMap((m) => {
        const p = peak(scaleRun, m.name);
        return Number.isNaN(p.median) ? [] : [{ x: m.nodes, y: p.median, low: p.min, high: p.max }];
      }),
    })),
  });
  return { latency, memory, scaleOut };
}

/** The scale-out rows side by side with their one-node target. */
function scaleOutTable(main: PeersRun, image: string | undefined): string[] {
  const run = main.scaleOut ?? main;
  const families = scaleFamilies(run);
  if (families.length === 0) return [];
  const low = Math.min(...run.workload.rates);
  const lines = [
    '### Scale-out on one machine',
    '',
    ...(main.scaleOut
      ? [
          `Measured in a run of its own, ${run.date}: ${run.rounds} interleaved round(s), offered ${run.workload.rates.map((r) => fmt(r)).join(', ')} msg/s, the workload above.`,
          '',
        ]
      : []),
    'The same workload against several nodes of one server: member i of every room connects to node',
    'i mod n, so every message crosses between nodes (ours: NATS for the log, Redis pub/sub for',
    'delivery; Socket.IO: its Redis adapter). All nodes share the same two cores with the load',
    'generator and the backing services, so this shows what a node costs, not what more machines give.',
    '',
    ...(image ? [`![scale-out: most acknowledged msg/s vs nodes](${image})`, ''] : []),
    `| target | nodes | sustained msg/s | most acknowledged msg/s | vs one node | send→deliver p99 at ${fmt(low)} ms | server CPU at ${fmt(low)} | backing CPU at ${fmt(low)} |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const f of families) {
    const one = peak(run, f.members[0]!.name).median;
    for (const m of f.members) {
      const at = stepsAt(run, m.name, low);
      const of = (g: (s: StepResult) => number) => spread(at.map(g));
      lines.push(
        `| ${m.name} | ${m.nodes} | ${showCapacity(run, m.name)} | ${show(peak(run, m.name))} | ` +
          `${ratio(peak(run, m.name).median, one)} | ${show(
            of((s) => s.deliver.p99),
            1,
          )} | ${show(
            of((s) => s.serverCores),
            2,
          )} | ${show(
            of((s) => s.backingCores),
            2,
          )} |`,
      );
    }
  }
  return lines;
}

export function markdown(
  run: PeersRun,
  images: { latency: string; memory: string; scaleOut?: string },
): string {
  const w = run.workload;
  const loads = spread(run.blocks.map((b) => b.loadBefore));
  const lines = [
    `Run ${run.date} on ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${fmt(totalmem() / 2 ** 30)} GB, the load`,
    `generator (${w.workers} worker processes) and every server on the same machine. ${run.rounds} interleaved`,
    `round(s); each cell is the median over rounds with the range in brackets. 1-minute load average`,
    `before a block: ${show(loads, 2)}. Workload: ${w.rooms} rooms of ${w.roomSize} members, one connection per`,
    `member, every message ~100 bytes and acknowledged; ${fmt(w.warmupMs / 1000, 1)} s warm-up and`,
    `${fmt(w.measureMs / 1000, 1)} s measured per step; a step where under half the offered load is`,
    'acknowledged ends the ladder. CPU is in cores busy (1.0 = one core).',
    '',
    '| target | what it is |',
    '|---|---|',
    ...run.targets.map((t) => `| ${t.name} | ${t.label} |`),
    '',
    `![send to deliver p99 vs offered load](${images.latency})`,
    '',
    '| target | offered msg/s | rounds | acknowledged msg/s | refused msg/s | deliveries/s | send→deliver p50 / p95 / p99 ms | send→ack p99 ms | lost conns | server CPU | backing CPU | load gen CPU | server MB |',
    '|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const t of run.targets) {
    for (const rate of w.rates) {
      const steps = stepsAt(run, t.name, rate);
      if (steps.length === 0) continue;
      const of = (f: (s: StepResult) => number) => spread(steps.map(f));
      const cells = [
        t.name,
        fmt(rate),
        String(steps.length),
        show(of((s) => s.accepted)),
        show(of((s) => s.refused)),
        show(of((s) => s.deliveries)),
        [of((s) => s.deliver.p50), of((s) => s.deliver.p95), of((s) => s.deliver.p99)]
          .map((x) => show(x, 1))
          .join(' / '),
        show(
          of((s) => s.ack.p99),
          1,
        ),
        show(of((s) => s.closed)),
        show(
          of((s) => s.serverCores),
          2,
        ),
        show(
          of((s) => s.backingCores),
          2,
        ),
        show(
          of((s) => s.loadCores),
          2,
        ),
        show(of((s) => s.serverMb)),
      ];
      lines.push(`| ${cells.join(' | ')} |`);
    }
  }
  lines.push(
    '',
    `Sustained rate: the highest offered rate acknowledged at ≥ 95 % and delivered to ≥ 95 % of the members, no connection lost, send→deliver p99 under ${GOALS.p99Ms} ms; "≥" when the top rate held.`,
    'Throughput counts what arrived inside the measured window; latency counts every message sent inside it, whenever its acknowledgement and deliveries arrived (each step drains before the next). "rounds" is how many rounds reached that rate (the ladder ends after a step acknowledging under half of its load).',
    `Connect rate: ${fmt(w.connects)} fresh connections, each connecting, authenticating and subscribing, 50 at a time per worker.`,
    '',
    '| target | sustained msg/s | connect+auth+subscribe /s | idle connections held | memory per idle connection |',
    '|---|---:|---:|---:|---:|',
  );
  for (const t of run.targets) {
    const idle = run.idle.find((i) => i.target === t.name);
    const held = idle?.points.at(-1)?.connections;
    lines.push(
      `| ${t.name} | ${showCapacity(run, t.name)} | ${show(connects(run, t.name))} | ` +
        `${held === undefined ? '-' : fmt(held)}${idle?.failed ? ` (${fmt(idle.failed)} failed)` : ''} | ` +
        `${idle && Number.isFinite(idle.bytesPerConnection) ? `${fmt(idle.bytesPerConnection / 1024, 1)} KB` : '-'} |`,
    );
  }
  lines.push(
    '',
    `![server memory vs idle connections](${images.memory})`,
    '',
    ...ratios(run),
    '',
    ...scaleOutTable(run, images.scaleOut),
  );
  return lines.join('\n');
}

/** Ours against each peer: sustained rate, p99 at each rate, connect rate, memory per connection. */
function ratios(run: PeersRun): string[] {
  const ours = single(run).filter((t) => t.name.startsWith('ours'));
  const peers = single(run).filter((t) => !t.name.startsWith('ours'));
  if (ours.length === 0 || peers.length === 0) return [];
  const lines = [
    'Ratios, ours / peer (above 1 is better for ours in sustained rate and connect rate; below 1 is',
    'better for ours in p99 and memory):',
    '',
    `| ours / peer | sustained msg/s | ${run.workload.rates.map((r) => `p99 at ${fmt(r)}`).join(' | ')} | connect rate | memory per connection |`,
    `|---|---:|${run.workload.rates.map(() => '---:').join('|')}|---:|---:|`,
  ];
  const p99 = (name: string, rate: number) =>
    spread(stepsAt(run, name, rate).map((s) => s.deliver.p99)).median;
  const perConn = (name: string) => run.idle.find((i) => i.target === name)?.bytesPerConnection ?? Number.NaN;
  for (const o of ours) {
    for (const p of peers) {
      lines.push(
        `| ${o.name} / ${p.name} | ${capacityRatio(run, o.name, p.name)} | ` +
          `${run.workload.rates.map((r) => ratio(p99(o.name, r), p99(p.name, r))).join(' | ')} | ` +
          `${ratio(connects(run, o.name).median, connects(run, p.name).median)} | ${ratio(perConn(o.name), perConn(p.name))} |`,
      );
    }
  }
  return lines;
}

/** One line per target for the console. */
export function summary(run: PeersRun, targets: Target[]): string[] {
  return targets.map((t) => {
    const steps = run.workload.rates
      .map((rate) => {
        const s = stepsAt(run, t.name, rate);
        if (s.length === 0) return undefined;
        const p99 = spread(s.map((x) => x.deliver.p99)).median;
        const p50 = spread(s.map((x) => x.deliver.p50)).median;
        const ack = spread(s.map((x) => x.ack.p50)).median;
        const acc = spread(s.map((x) => x.accepted)).median;
        const refused = spread(s.map((x) => x.refused)).median;
        const cores = spread(s.map((x) => x.serverCores)).median;
        return `${fmt(rate)}: ${fmt(acc)} acked${refused > 0 ? `, ${fmt(refused)}/s refused` : ''}, deliver p50 ${fmt(p50, 1)} p99 ${fmt(p99, 1)} ms, ack p50 ${fmt(ack, 1)} ms, server ${fmt(cores, 2)} cores`;
      })
      .filter(Boolean);
    const idle = run.idle.find((i) => i.target === t.name);
    return (
      `${t.name}: ${steps.join('; ')}; sustained ${showCapacity(run, t.name)} msg/s; ` +
      `connect ${show(connects(run, t.name))}/s` +
      (idle
        ? `; idle ${fmt(idle.points.at(-1)?.connections ?? 0)} at ${fmt(idle.bytesPerConnection / 1024, 1)} KB each`
        : '')
    );
  });
}
