import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { UNLIMITED_GATEWAY } from './unlimited-gateway.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const main = fileURLToPath(new URL('../../../apps/server/src/main.ts', import.meta.url));

/** The first port the kernel hands out for `listen(0)` (Linux; 32768 elsewhere). */
function ephemeralLow(): number {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(low) && low > 1024 ? low : 32768;
  } catch {
    return 32768;
  }
}

/** Whether `port` can be bound on every address now (closed again at once). */
async function bindable(port: number): Promise<boolean> {
  const server = createServer();
  const ok = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '0.0.0.0', () => resolve(true));
  });
  if (ok) await new Promise((resolve) => server.close(resolve));
  return ok;
}

/**
 * A port that is free now, for a process to bind a moment later. Chosen below the kernel's
 * ephemeral range: a port from `listen(0)` is one the kernel hands out again to the next
 * `listen(0)` or outgoing connection of any process (a test server's internal listener, a
 * database client), which took it first now and then (EADDRINUSE). Random within the range
 * below, so parallel test processes rarely pick the same one.
 */
export async function freePort(): Promise<number> {
  const high = ephemeralLow() - 1;
  const low = Math.max(10_000, high - 12_000);
  for (let i = 0; i < 100 && high > low; i++) {
    const port = low + Math.floor(Math.random() * (high - low));
    if (await bindable(port)) return port;
  }
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}

export interface SpawnedServer {
  readonly child: ChildProcess;
  readonly url: string;
  stderr(): string;
  stdout(): string;
  /** Resolves with the exit code (or signal name). */
  exited: Promise<number | string>;
}

export interface SpawnOptions {
  /**
   * Run the TypeScript sources through tsx, exactly as `npm start` does, even when the test run
   * has bundled the launcher (TEST_SERVER_BUNDLE, set by scripts/test.mjs: the same sources,
   * about a second faster to start). For the tests of the launcher itself.
   */
  readonly sources?: boolean;
}

/** Starts the launcher as `npm start` would, in its own process, with the given environment. */
export function spawnServer(
  env: Record<string, string>,
  args: string[] = [],
  opts: SpawnOptions = {},
): SpawnedServer {
  const port = env.PORT ?? '0';
  const bundle = opts.sources ? undefined : process.env.TEST_SERVER_BUNDLE;
  const entry = bundle ? [bundle] : ['--import', 'tsx', main];
  const child = spawn(process.execPath, [...entry, ...args], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      LOG_LEVEL: 'warn',
      INTERNAL_PORT: '0',
      ...UNLIMITED_GATEWAY,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
  });
  // 'close', not 'exit': the process may have exited before its last output was read, and a
  // test reads stderr() as soon as this resolves.
  const exited = new Promise<number | string>((resolve) => {
    child.once('close', (code, signal) => resolve(code ?? signal ?? -1));
  });
  return { child, url: `http://127.0.0.1:${port}`, stderr: () => err, stdout: () => out, exited };
}

/** Polls health until it answers UP (the process is booting; there is no event to await). */
export async function waitForHealth(
  server: SpawnedServer,
  timeoutMs = 60_000,
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void server.exited.then(() => {
    exited = true;
  });
  while (Date.now() < deadline) {
    if (exited) throw new Error(`server exited before becoming healthy: ${server.stderr()}`);
    try {
      const res = await fetch(`${server.url}/actuator/health`);
      if (res.status === 200) return (await res.json()) as Record<string, unknown>;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server not healthy within ${timeoutMs} ms: ${server.stderr()}`);
}

/** A server on a free port, resolved once its health answers UP (killed if it never does). */
export async function startHealthyServer(env: Record<string, string>): Promise<SpawnedServer> {
  const server = spawnServer({ ...env, PORT: String(await freePort()) });
  try {
    await waitForHealth(server);
  } catch (err) {
    server.child.kill('SIGKILL');
    await server.exited;
    throw err;
  }
  return server;
}

/** SIGTERM, and SIGKILL if it has not exited 20 s later (cleanup must not hang); the exit code. */
export async function stopServer(server: SpawnedServer): Promise<number | string> {
  const { child } = server;
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await server.exited.finally(() => clearTimeout(timer));
  }
  return server.exited;
}
