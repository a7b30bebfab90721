// Compares the PGlite engines (in-process vs worker thread) under concurrent chat-like load:
// `concurrency` callers loop over a short transaction (update one row + insert `rows` rows via
// unnest) followed by a single-row select. Optionally each transaction is followed by `appMs`
// of synchronous main-thread work in an event-loop turn of its own, standing in for
// STOMP/WebSocket fan-out.
//
//   node --import tsx bench/src/pglite-engines.ts [seconds=15] [concurrency=100] [appMs=0] [rows=20]
//
// Each engine runs in a child process of its own, so CPU figures do not mix. Main-thread
// CPU comes from /proc/self/task/<pid>/stat (Linux), process CPU from process.cpuUsage().
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createPgliteDatabase } from '@chat/platform';

const [seconds = 15, concurrency = 100, appMs = 0, rows = 20] = process.argv.slice(2, 6).map(Number);
const engine = process.env.BENCH_ENGINE;

/** CPU ms of the main thread alone (its task id is the process id). */
function mainThreadCpuMs(): number {
  const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, USER_HZ=100
}

function spin(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) JSON.stringify({ at: performance.now(), body: 'x'.repeat(64) });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

async function run(inWorker: boolean): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-pglite-'));
  const db = await createPgliteDatabase({ dataDir: join(dir, 'pg'), inWorker });
  await db.exec(`create table accounts (id int primary key, n int not null default 0);
    create table items (id bigserial primary key, account int not null, body text not null,
                        created_at timestamptz not null default now());
    insert into accounts (id) select generate_series(1, ${concurrency});`);
  const bodies = Array.from({ length: rows }, (_, i) => `message ${i} 안녕하세요 👋 ${'x'.repeat(80)}`);
  let txs = 0;
  let selects = 0;
  const latencies: number[] = [];
  // Deadlines, not timers: in-process PGlite under a full queue starves timers (see report).
  const start = performance.now() + 2000; // warm-up
  const end = start + seconds * 1000;
  const caller = async (id: number, measureFrom: (now: number) => void) => {
    for (let now = performance.now(); now < end; now = performance.now()) {
      measureFrom(now);
      await db.transaction(async (tx) => {
        await tx.query('update accounts set n = n + 1 where id = $1', [id]);
        await tx.query('insert into items (account, body) select $1, b from unnest($2::text[]) as b', [
          id,
          bodies,
        ]);
      });
      if (appMs > 0) {
        // Fan-out runs in an event-loop turn of its own, as socket writes would.
        await new Promise((resolve) => setImmediate(resolve));
        spin(appMs);
      }
      await db.query('select n from accounts where id = $1', [id]);
      if (now >= start) {
        txs++;
        selects++;
        latencies.push(performance.now() - now);
      }
    }
  };
  // A 10 ms timer stands in for socket I/O: how often it runs, and its longest wait.
  let ticks = 0;
  let lastTick = performance.now();
  let maxGap = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - lastTick);
    lastTick = now;
    ticks++;
  }, 10);
  let elu0 = performance.eventLoopUtilization();
  let cpu0 = process.cpuUsage();
  let main0 = 0;
  let measuring = false;
  const measureFrom = (now: number) => {
    if (measuring || now < start) return;
    measuring = true;
    elu0 = performance.eventLoopUtilization();
    cpu0 = process.cpuUsage();
    main0 = mainThreadCpuMs();
    ticks = 0;
    lastTick = now;
    maxGap = 0;
  };
  await Promise.all(Array.from({ length: concurrency }, (_, i) => caller(i + 1, measureFrom)));
  const wall = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const mainCpu = (mainThreadCpuMs() - main0) / 1000;
  const elu = performance.eventLoopUtilization(elu0).utilization;
  const ticksSeen = ticks;
  maxGap = Math.max(maxGap, performance.now() - lastTick);
  clearInterval(ticker);
  await db.close();
  await rm(dir, { recursive: true, force: true });
  latencies.sort((a, b) => a - b);
  const result = {
    engine: inWorker ? 'worker' : 'in-process',
    'tx/s': Math.round(txs / wall),
    'selects/s': Math.round(selects / wall),
    'stmts/s': Math.round((txs * 4 + selects) / wall),
    'tx+select p50 ms': Math.round(percentile(latencies, 0.5)),
    'tx+select p99 ms': Math.round(percentile(latencies, 0.99)),
    'main thread CPU %': Math.round((mainCpu / wall) * 100),
    'event loop util %': Math.round(elu * 100),
    'longest timer wait ms': Math.round(maxGap),
    '10 ms ticks seen %': Math.round((ticksSeen / (wall * 100)) * 100),
    'process CPU %': Math.round(((cpu.user + cpu.system) / 1e6 / wall) * 100),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (engine) {
  await run(engine === 'worker');
} else {
  console.log(
    `${seconds} s, ${concurrency} callers, ${rows} rows per insert, ${appMs} ms main-thread work per transaction`,
  );
  const results = ['in-process', 'worker'].map((name) => {
    const out = execFileSync(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)],
      {
        env: { ...process.env, BENCH_ENGINE: name },
        encoding: 'utf8',
      },
    );
    return JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
  });
  console.table(results);
}
