import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { ServerProcess } from '../lib/server-process.ts';
import { signupMany } from '../lib/server-process.ts';

export interface IdleResult {
  connections: number;
  failed: number;
  rssBeforeMb: number;
  rssAfterMb: number;
  bytesPerConnection: number;
}

const worker = fileURLToPath(new URL('./idle-worker.ts', import.meta.url));

/**
 * Opens `total` authenticated, idle STOMP connections from worker processes and reports the
 * server's resident memory per connection (RSS after minus RSS before, over the count).
 */
export async function runIdleConnections(
  server: ServerProcess,
  total: number,
  perWorker = 9000,
): Promise<IdleResult> {
  const [user] = await signupMany(server.url, 1, `idle${Date.now()}`);
  const before = server.rss();
  const workers = [];
  for (let left = total; left > 0; left -= perWorker) {
    const child = fork(worker, [server.wsUrl, user!.token, String(Math.min(perWorker, left))], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    workers.push(child);
  }
  const reports = await Promise.all(
    workers.map(async (w) => (await once(w, 'message'))[0] as { connected: number; failed: number }),
  );
  // let the server settle (allocations from the handshake burst) before reading RSS
  await new Promise((r) => setTimeout(r, 3000));
  const after = server.rss();
  const connections = reports.reduce((n, r) => n + r.connected, 0);
  const failed = reports.reduce((n, r) => n + r.failed, 0);
  for (const w of workers) w.send({ close: true });
  await Promise.all(workers.map((w) => once(w, 'exit')));
  return {
    connections,
    failed,
    rssBeforeMb: before / 1048576,
    rssAfterMb: after / 1048576,
    bytesPerConnection: connections > 0 ? (after - before) / connections : Number.NaN,
  };
}
