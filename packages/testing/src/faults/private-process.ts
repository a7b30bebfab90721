// A dependency (PostgreSQL, Redis, NATS) run by a test as its own process on a free port, so
// the test can kill -9 and restart it without touching the machine's shared services.
// Each process runs in its own process group (kill -9 takes its children with it, as a crash
// of the machine would). Groups still running when the test process exits, or is interrupted
// by SIGINT/SIGTERM, are killed: a failing test leaves no orphan behind.
import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';

export interface ProcessSpec {
  /** For messages: `postgres :54123`. */
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  /** Run as this user (PostgreSQL refuses to run as root). */
  readonly uid?: number;
  readonly gid?: number;
  /** One readiness attempt: resolves when the service answers, throws when it does not yet. */
  probe(): Promise<void>;
}

const running = new Set<number>();
let hooked = false;

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function killAll(): void {
  for (const pid of running) killGroup(pid);
  running.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  killAll();
  process.removeListener('SIGINT', onSignal);
  process.removeListener('SIGTERM', onSignal);
  process.kill(process.pid, signal);
}

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', killAll);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}

/** Whether any process of the group is still there (zombies of a reaped group are not waited for long). */
function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A started dependency: kill -9 and start again (same port, same data). */
/** A server process a fault test owns: on a free port of 127.0.0.1, killed and restarted at will. */
export interface PrivateServer {
  readonly port: number;
  readonly url: string;
  readonly pid: number | undefined;
  /** SIGKILL to the whole process group, like a crash; resolves once it is gone. */
  kill9(): Promise<void>;
  /** Starts it again on the same port (and data, where it keeps any); resolves once it answers. */
  restart(): Promise<void>;
  /** Kills it and removes what it kept on disk. */
  stop(): Promise<void>;
  /** The last lines it printed. */
  tail(): string;
}

export class PrivateProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private output = '';

  constructor(private readonly spec: ProcessSpec) {}

  /** Process id of the running instance (the group leader), or undefined. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** The end of what the process wrote (for failure messages). */
  tail(chars = 4000): string {
    return this.output.slice(-chars);
  }

  /** Spawns the process and resolves once it answers (polling its probe); fails if it exits first. */
  async start(timeoutMs = 30_000): Promise<void> {
    if (this.child) throw new Error(`${this.spec.name} is already running`);
    hookExit();
    const child = spawn(this.spec.command, [...this.spec.args], {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(this.spec.uid !== undefined ? { uid: this.spec.uid, gid: this.spec.gid } : {}),
    });
    const collect = (d: Buffer) => {
      this.output = (this.output + d.toString()).slice(-20_000);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    let gone = false;
    this.exited = new Promise((resolve) => {
      child.once('exit', () => {
        gone = true;
        if (child.pid !== undefined) running.delete(child.pid);
        resolve();
      });
    });
    child.once('error', (err) => {
      this.output += `\nspawn failed: ${err.message}`;
    });
    if (child.pid === undefined) {
      await this.exited;
      throw new Error(`${this.spec.name} did not start: ${this.tail()}`);
    }
    running.add(child.pid);
    this.child = child;
    const deadline = Date.now() + timeoutMs;
    let last: unknown;
    for (;;) {
      if (gone) {
        this.child = undefined;
        throw new Error(`${this.spec.name} exited before it was ready: ${this.tail()}`);
      }
      try {
        await this.spec.probe();
        return;
      } catch (err) {
        last = err;
      }
      if (Date.now() > deadline) {
        await this.kill9();
        throw new Error(
          `${this.spec.name} not ready within ${timeoutMs} ms (${String(last)}): ${this.tail()}`,
        );
      }
      await delay(100);
    }
  }

  /** SIGKILL to the whole process group; resolves once the leader has exited. */
  async kill9(): Promise<void> {
    const child = this.child;
    if (!child?.pid) return;
    this.child = undefined;
    killGroup(child.pid);
    await this.exited;
    // The group's other members (PostgreSQL backends) died with the same signal; give the
    // kernel a moment to tear them down before the same data directory is used again.
    const deadline = Date.now() + 2000;
    while (groupAlive(child.pid) && Date.now() < deadline) await delay(20);
  }
}

/**
 * Starts `server` and hands it out as a PrivateServer; `dir` (its data, if it keeps any) is
 * removed when the start fails and on stop.
 */
export async function runPrivateServer(
  server: PrivateProcess,
  at: { port: number; url: string; dir?: string },
): Promise<PrivateServer> {
  const removeDir = () => {
    if (at.dir) rmSync(at.dir, { recursive: true, force: true });
  };
  try {
    await server.start();
  } catch (err) {
    removeDir();
    throw err;
  }
  return {
    port: at.port,
    url: at.url,
    get pid() {
      return server.pid;
    },
    kill9: () => server.kill9(),
    restart: () => server.start(),
    async stop() {
      await server.kill9();
      removeDir();
    },
    tail: () => server.tail(),
  };
}
