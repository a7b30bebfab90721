import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { heapAfterGc } from '../lib/inspector.ts';
import type { ServerProcess } from '../lib/server-process.ts';
import { signupMany } from '../lib/server-process.ts';

export interface IdleResult {
  connections: number;
  failed: number;
  rssBeforeMb: number;
  rssAfterMb: number;
  bytesPerConnection: number;
  /** Heap + external per added connection after a full collection (server started with `inspect`). */
  heapBytesPerConnection?: number;
}

const worker = fileURLToPath(new URL('./idle-worker.ts', import.meta.url));

/**
 * Opens `total` authenticated, idle STOMP connections from worker processes and reports the
 * server's resident memory per connection (RSS after minus RSS before, over the count).
 */
const settle = () => new Promise((r) => setTimeout(r, 3000));

function spawnWorkers(wsUrl: string, token: string, count: number, perWorker: number) {
  const workers = [];
  for (let left = count; left > 0; left -= perWorker) {
    workers.push(
      fork(worker, [wsUrl, token, String(Math.min(perWorker, left))], {
        execArgv: ['--import', 'tsx'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      }),
    );
  }
  return workers;
}

/**
 * Opens `total` authenticated, idle STOMP connections from worker processes and reports the
 * server's resident memory per connection as a marginal cost: RSS is read after a first
 * `warm` connections (start-up allocations settled) and again after the rest.
 */
export async function runIdleConnections(
  server: ServerProcess,
  total: number,
  perWorker = 9000,
  warm = 2000,
): Promise<IdleResult> {
  const [user] = await signupMany(server.url, 1, `idle${Date.now()}`);
  const first = spawnWorkers(server.wsUrl, user!.token, warm, perWorker);
  const firstReports = await Promise.all(first.map(async (w) => (await once(w, 'message'))[0] as Report));
  await settle();
  const heapBefore = server.inspectPort === undefined ? undefined : await heapAfterGc(server.inspectPort);
  const before = server.rss();
  const rest = spawnWorkers(server.wsUrl, user!.token, total - warm, perWorker);
  const restReports = await Promise.all(rest.map(async (w) => (await once(w, 'message'))[0] as Report));
  await settle();
  const heapAfter = server.inspectPort === undefined ? undefined : await heapAfterGc(server.inspectPort);
  const after = server.rss();
  const workers = [...first, ...rest];
  const added = restReports.reduce((n, r) => n + r.connected, 0);
  const reports = [...firstReports, ...restReports];
  for (const w of workers) w.send({ close: true });
  await Promise.all(workers.map((w) => once(w, 'exit')));
  return {
    connections: reports.reduce((n, r) => n + r.connected, 0),
    failed: reports.reduce((n, r) => n + r.failed, 0),
    rssBeforeMb: before / 1048576,
    rssAfterMb: after / 1048576,
    bytesPerConnection: added > 0 ? (after - before) / added : Number.NaN,
    ...(heapBefore &&
      heapAfter &&
      added > 0 && {
        heapBytesPerConnection:
          (heapAfter.heapUsed + heapAfter.external - heapBefore.heapUsed - heapBefore.external) / added,
      }),
  };
}

interface Report {
  connected: number;
  failed: number;
}
