// `npm run bench -- peers`: this server (embedded and distributed) side by side with Socket.IO,
// bare `ws` and RabbitMQ Web-STOMP on one workload and one load generator; writes the report
// into docs/benchmarks.md and its charts and raw figures into docs/benchmarks/.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type BlockResult, type IdleResult, runBlock, runIdle, type Workload } from './peers/measure.ts';
import { charts, markdown, type PeersRun, summary } from './peers/report.ts';
import { bareWs, socketIo, socketIoScaled } from './peers/targets/node-peer.ts';
import { oursDistributed, oursDistributedScaled, oursEmbedded } from './peers/targets/ours.ts';
import { rabbitMq } from './peers/targets/rabbitmq.ts';
import type { Target } from './peers/targets/target.ts';

const ALL: Target[] = [
  oursEmbedded,
  oursDistributed,
  socketIo,
  bareWs,
  rabbitMq,
  // Scale-out rows: more nodes of the targets that scale out (bare `ws` keeps rooms in memory).
  ...oursDistributedScaled,
  ...socketIoScaled,
];
const docs = fileURLToPath(new URL('../../docs/', import.meta.url));
const BEGIN = '<!-- peers:begin (written by `npm run bench -- peers`) -->';
const END = '<!-- peers:end -->';

const env = (name: string, fallback: string) => process.env[name] ?? fallback;
const numbers = (s: string) => s.split(',').map(Number);

/** The process's open-file limit: every connection is a descriptor on both ends. */
function descriptorLimit(): number {
  const line = readFileSync('/proc/self/limits', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('Max open files'));
  return Number(line?.split(/\s+/)[3] ?? 1024);
}

function idleCounts(): number[] {
  if (process.env.PEERS_IDLE) return numbers(process.env.PEERS_IDLE);
  // Up to the descriptor limit, less room for the server's own files and database connections.
  const top = Math.floor((descriptorLimit() - 1500) / 1000) * 1000;
  return [1000, Math.round(top / 4), Math.round(top / 2), top];
}

function writeReport(run: PeersRun): void {
  mkdirSync(`${docs}benchmarks`, { recursive: true });
  const svg = charts(run);
  const images = {
    latency: 'benchmarks/peers-latency.svg',
    memory: 'benchmarks/peers-memory.svg',
    ...(svg.scaleOut ? { scaleOut: 'benchmarks/peers-scale-out.svg' } : {}),
  };
  writeFileSync(`${docs}${images.latency}`, svg.latency);
  writeFileSync(`${docs}${images.memory}`, svg.memory);
  if (svg.scaleOut && images.scaleOut) writeFileSync(`${docs}${images.scaleOut}`, svg.scaleOut);
  writeFileSync(`${docs}benchmarks/peers.json`, `${JSON.stringify(run, null, 1)}\n`);
  const page = readFileSync(`${docs}benchmarks.md`, 'utf8');
  const section = `${BEGIN}\n${markdown(run, images)}\n${END}`;
  const start = page.indexOf(BEGIN);
  const end = page.indexOf(END);
  writeFileSync(
    `${docs}benchmarks.md`,
    start !== -1 && end > start
      ? page.slice(0, start) + section + page.slice(end + END.length)
      : `${page.trimEnd()}\n\n## Side by side with the peers (\`npm run bench -- peers\`)\n\n${section}\n`,
  );
}

export async function peersBench(): Promise<string[]> {
  // Ctrl-C: exit normally, so the RabbitMQ node's exit hook stops it (workers leave on their own).
  process.once('SIGINT', () => process.exit(130));
  // A run's JSON (PEERS_JSON, or docs/benchmarks/peers.json) written into the report again,
  // measuring nothing: charts and tables after a figure was re-measured or the report changed.
  const render = process.env.PEERS_RENDER;
  if (render) {
    writeReport(JSON.parse(readFileSync(render, 'utf8')) as PeersRun);
    return [`report: docs/benchmarks.md (peers section) rendered from ${render}`];
  }
  const names = env('PEERS_TARGETS', ALL.map((t) => t.name).join(',')).split(',');
  const targets = ALL.filter((t) => names.includes(t.name));
  const rounds = Number(env('PEERS_ROUNDS', '3'));
  const workload: Workload = {
    rooms: Number(env('PEERS_ROOMS', '100')),
    roomSize: 10,
    rates: numbers(env('PEERS_RATES', '1000,2500,5000,10000')),
    warmupMs: Number(env('PEERS_WARMUP_S', '3')) * 1000,
    measureMs: Number(env('PEERS_MEASURE_S', '5')) * 1000,
    workers: Number(env('PEERS_WORKERS', '3')),
    connects: Number(env('PEERS_CONNECTS', '2000')),
  };
  const lines: string[] = [];
  const blocks: BlockResult[] = [];
  const idle: IdleResult[] = [];
  // Interleaved: every round runs every target, each round in a rotated order, so a slow
  // minute of the machine does not land on one target only.
  for (let round = 1; round <= rounds; round++) {
    for (let k = 0; k < targets.length; k++) {
      const target = targets[(k + round - 1) % targets.length]!;
      try {
        blocks.push(await runBlock(target, round, workload));
      } catch (error) {
        lines.push(`${target.name} round ${round}: ${(error as Error).message}`);
      }
    }
  }
  if (env('PEERS_IDLE_BLOCK', '1') !== '0') {
    // Memory per connection is a node's figure: the scale-out rows are left out.
    for (const target of targets.filter((t) => t.nodes === 1)) {
      try {
        idle.push(await runIdle(target, idleCounts(), workload));
      } catch (error) {
        lines.push(`${target.name} idle: ${(error as Error).message}`);
      }
    }
  }
  const run: PeersRun = {
    date: new Date().toISOString().slice(0, 16).replace('T', ' '),
    workload,
    rounds,
    targets: targets.map((t) => ({ name: t.name, label: t.label, nodes: t.nodes })),
    blocks,
    idle,
  };
  lines.push(...summary(run, targets));
  if (process.env.PEERS_JSON) writeFileSync(process.env.PEERS_JSON, JSON.stringify(run, null, 1));
  if (env('PEERS_REPORT', '1') !== '0') {
    writeReport(run);
    lines.push('report: docs/benchmarks.md (peers section), charts and raw figures in docs/benchmarks/');
  }
  return lines;
}
