import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UNLIMITED_GATEWAY } from '@chat/testing';
import { processCpuSeconds, processRssBytes } from './proc.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * CPU time the whole machine has spent busy (every core; user, nice, system, irq, softirq,
 * steal from the first line of /proc/stat), seconds: the server, its databases and the load
 * generator together.
 */
export function machineCpuSeconds(): number {
  const ticks = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  // user, nice, system, (idle, iowait left out), irq, softirq, steal
  const busy = [0, 1, 2, 5, 6, 7].reduce((sum, i) => sum + (ticks[i] ?? 0), 0);
  return busy / 100; // USER_HZ
}

export interface ServerProcess {
  readonly url: string;
  /** The inspector's port when started with `{ inspect: true }` (heapAfterGc). */
  readonly inspectPort?: number;
  readonly wsUrl: string;
  readonly child: ChildProcess;
  /** Resident set size of the server process, bytes. */
  rss(): number;
  /** CPU time the server process has used so far (user + system), seconds. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}

/** Starts the platform as its own process (as `npm start` does) and waits for health UP. */
export async function startServerProcess(
  env: Record<string, string>,
  opts: { inspect?: boolean } = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const inspectPort = opts.inspect ? await freePort() : undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'chat-bench-'));
  const profile = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
    : [];
  const inspect = inspectPort === undefined ? [] : [`--inspect=127.0.0.1:${inspectPort}`];
  const child = spawn(
    process.execPath,
    [...profile, ...inspect, '--import', 'tsx', 'apps/server/src/main.ts'],
    {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        // The load comes from one address and a few users: the gateway's per-client buckets
        // would measure the limit, not the server. A scenario about the gateway sets its own.
        ...UNLIMITED_GATEWAY,
        ...env,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const exited = once(child, 'exit');
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/actuator/health`)).status === 200) break;
    } catch {
      // booting
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
      throw new Error('server did not become healthy');
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    ...(inspectPort !== undefined && { inspectPort }),
    child,
    rss: () => processRssBytes(child.pid ?? 0),
    cpuSeconds: () => processCpuSeconds(child.pid ?? 0),
    async stop() {
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function jsonPost<T>(url: string, path: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Signs up n users, a few at a time. */
export async function signupMany(
  url: string,
  n: number,
  tag: string,
): Promise<{ userId: number; token: string }[]> {
  const users: { userId: number; token: string }[] = [];
  for (let i = 0; i < n; i += 8) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(8, n - i) }, (_, j) =>
        jsonPost<{ userId: number; token: string }>(url, '/api/auth/signup', {
          email: `bench-${tag}-${i + j}@example.com`,
          password: 'bench-password-1',
          nickname: `bench${i + j}`,
        }),
      ),
    );
    users.push(...batch);
  }
  return users;
}
