import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reachable } from './services.ts';

/** The nats-server binary of this machine, if any (tests that need one skip without it). */
export const natsServerBinary: string | undefined = [
  process.env.NATS_SERVER_BIN,
  '/usr/sbin/nats-server',
  '/usr/bin/nats-server',
  '/usr/local/bin/nats-server',
].find((p): p is string => !!p && existsSync(p));

/**
 * A nats-server with JetStream owned by one test, on a free port with its own store
 * directory, for tests that must kill or restart the server (never the shared one).
 */
export interface PrivateNats {
  readonly url: string;
  readonly port: number;
  readonly storeDir: string;
  /** SIGKILL, like a crash: nothing is flushed. Resolves once the process is gone. */
  kill(): Promise<void>;
  /** Starts the server again on the same port and store directory; resolves once it listens. */
  restart(): Promise<void>;
  /** Kills the server and removes its store directory. */
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts a private nats-server (`-js -sd <tmp>`); `extraArgs` e.g. `['-c', 'conf']`. */
export async function startPrivateNats(opts: { extraArgs?: string[]; startTimeoutMs?: number } = {}) {
  if (!natsServerBinary) throw new Error('no nats-server binary (set NATS_SERVER_BIN)');
  const binary = natsServerBinary;
  const port = await freePort();
  const storeDir = mkdtempSync(join(tmpdir(), 'private-nats-'));
  const url = `nats://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;

  async function launch(): Promise<void> {
    const args = ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir, ...(opts.extraArgs ?? [])];
    const proc = spawn(binary, args, { stdio: 'ignore' });
    child = proc;
    let exited = false;
    proc.once('exit', () => {
      exited = true;
    });
    const deadline = Date.now() + (opts.startTimeoutMs ?? 10_000);
    while (!(await reachable(url))) {
      if (exited) throw new Error(`nats-server exited at start (${args.join(' ')})`);
      if (Date.now() > deadline) throw new Error(`nats-server on port ${port} did not start`);
      await new Promise((resolve) => setTimeout(resolve, 20)); // next probe of the port
    }
  }

  async function kill(): Promise<void> {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const gone = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGKILL');
    await gone;
  }

  await launch();
  const nats: PrivateNats = {
    url,
    port,
    storeDir,
    kill,
    restart: launch,
    async stop() {
      await kill();
      rmSync(storeDir, { recursive: true, force: true });
    },
  };
  return nats;
}
