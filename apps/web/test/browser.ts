// Browser end-to-end helpers: the system Chromium through playwright-core, the real server
// (embedded, own port and temp DATA_DIR) serving the built client.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { skipFor } from '@chat/platform/testing';
import {
  createRealBackend,
  freePort,
  type SpawnedServer,
  seedMigratedDataDir,
  spawnServer,
  startHealthyServer,
  stopServer,
  waitForHealth,
} from '@chat/testing';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const root = new URL('../../../', import.meta.url).pathname;

/** `false` to run, else why the browser suite is skipped (only without REQUIRE_SERVICES). */
export function skipUnlessChromium(suite: string): false | string {
  if (existsSync(CHROMIUM)) return false;
  return skipFor(`${suite}: ${CHROMIUM} not installed (apt-get install chromium)`);
}

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

const BUILD_LOCK_STALE_MS = 120_000;

/**
 * The built client, rebuilt when a source file is newer than the build (or there is none). Test
 * files run in parallel processes: one takes the lock (an atomic mkdir) and builds, the others
 * wait for it and then find the build fresh, so no build empties `dist` under another.
 */
export function ensureWebBuilt(): void {
  const web = join(root, 'apps/web');
  const index = join(web, 'dist/index.html');
  const lock = join(web, '.build-lock');
  const fresh = () => {
    const sources = Math.max(newestMtime(join(web, 'src')), newestMtime(join(web, 'index.html')));
    return existsSync(index) && statSync(index).mtimeMs >= sources;
  };
  if (fresh()) return;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (fresh()) return;
      // A build that died without releasing its lock: take it over.
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > BUILD_LOCK_STALE_MS) rmSync(lock, { recursive: true, force: true });
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    if (!fresh()) execFileSync('npm', ['run', 'build:web'], { cwd: root, stdio: 'ignore' });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Without the background-networking flags this closed network refuses Chromium's connections.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface WebServer {
  readonly url: string;
  /** SIGTERM and wait for the exit (the data stays for start()). */
  stop(): Promise<void>;
  /** Starts the server again on the same port and data. */
  start(): Promise<void>;
  dispose(): Promise<void>;
}

/** `env`: extra server environment (e.g. higher send limits for a test that seeds history). */
export async function startWebServer(env: Record<string, string> = {}): Promise<WebServer> {
  ensureWebBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'chat-web-e2e-'));
  const port = String(await freePort());
  let server: SpawnedServer | null = null;
  // The embedded database starts from a copy of a migrated one (no initdb, no migrations).
  if (!env.DATABASE_URL) await seedMigratedDataDir(dataDir);
  const start = async () => {
    server = spawnServer({ ...env, PORT: port, DATA_DIR: dataDir });
    await waitForHealth(server);
  };
  const stop = async () => {
    const running = server;
    server = null;
    if (!running) return;
    running.child.kill('SIGTERM');
    await running.exited;
  };
  const dispose = async () => {
    await stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await start();
  } catch (err) {
    // A server that never became healthy is stopped, and its data folder goes with it.
    await dispose();
    throw err;
  }
  return { url: `http://127.0.0.1:${port}`, start, stop, dispose };
}

/** A server and a Chromium for one suite: call in `before`, pair with `stopWebAndBrowser`. */
export async function startWebAndBrowser(
  env: Record<string, string> = {},
): Promise<{ web: WebServer; browser: Browser }> {
  // Both at once: each takes seconds, and neither needs the other to start.
  const [web, browser] = await Promise.allSettled([startWebServer(env), launchChromium()]);
  if (web.status === 'fulfilled' && browser.status === 'fulfilled') {
    return { web: web.value, browser: browser.value };
  }
  // The start's own failure is the one reported, whatever the cleanup meets.
  await stopWebAndBrowser(
    web.status === 'fulfilled' ? web.value : undefined,
    browser.status === 'fulfilled' ? browser.value : undefined,
  ).catch(() => {});
  throw web.status === 'rejected' ? web.reason : (browser as PromiseRejectedResult).reason;
}

/** Closes what `startWebAndBrowser` started (either may be missing after a failed start). */
export async function stopWebAndBrowser(web?: WebServer, browser?: Browser): Promise<void> {
  // Each is closed even when the other fails to close; the first failure is then reported.
  const closed = await Promise.allSettled([browser?.close(), web?.dispose()]);
  const failed = closed.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
}

export interface WebNodes {
  /** The chat nodes, in start order; each serves the client and the whole API. */
  readonly nodes: readonly SpawnedServer[];
  /** The nodes' shared environment (DATABASE_URL, ...), to check against what is stored. */
  readonly env: Readonly<Record<string, string>>;
  /** Stops the nodes still running and drops the deployment's database, keys and streams. */
  dispose(): Promise<void>;
}

/**
 * `count` server nodes in distributed mode on the real PostgreSQL, Redis and NATS, isolated as
 * the multi-node suites are (own database, Redis key prefix and NATS stream names) and sharing
 * one JWT secret, so a session from one node is good on every other. `env`: extra environment.
 */
export async function startWebNodes(count: number, env: Record<string, string> = {}): Promise<WebNodes> {
  ensureWebBuilt();
  const backend = await createRealBackend();
  const nodeEnv = { ...backend.env, JWT_SECRET: randomBytes(32).toString('hex'), ...env };
  const started = await Promise.allSettled(Array.from({ length: count }, () => startHealthyServer(nodeEnv)));
  const nodes = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const dispose = async () => {
    await Promise.all(nodes.map(stopServer));
    await backend.cleanup();
  };
  const failed = started.find((r) => r.status === 'rejected');
  if (failed) {
    await dispose();
    throw failed.reason;
  }
  return { nodes, env: nodeEnv, dispose };
}
