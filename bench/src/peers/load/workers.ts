import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { RoomSpec } from '../targets/target.ts';
import type { FromWorker, ToWorker } from './messages.ts';

const script = fileURLToPath(new URL('./worker.ts', import.meta.url));

/** The load generator: several worker processes, each holding whole rooms. */
export class LoadWorkers {
  private constructor(private readonly children: ChildProcess[]) {}

  static spawn(count: number): LoadWorkers {
    return new LoadWorkers(
      Array.from({ length: count }, () =>
        fork(script, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }),
      ),
    );
  }

  get size(): number {
    return this.children.length;
  }

  pids(): number[] {
    return this.children.map((c) => c.pid ?? 0);
  }

  /** Rooms dealt out in turn, so each worker holds whole rooms. */
  share(rooms: RoomSpec[]): RoomSpec[][] {
    return this.children.map((_, w) => rooms.filter((_, r) => r % this.children.length === w));
  }

  /** Sends each worker its message and waits for every answer. */
  async ask<T extends FromWorker>(message: (worker: number) => ToWorker): Promise<T[]> {
    return Promise.all(
      this.children.map(async (child, w) => {
        const answer = once(child, 'message');
        const died = once(child, 'exit').then(([code, signal]) => {
          throw new Error(`load worker ${child.pid} exited (${signal ?? code})`);
        });
        child.send(message(w));
        return ((await Promise.race([answer, died])) as unknown[])[0] as T;
      }),
    );
  }

  async close(): Promise<void> {
    await Promise.all(
      this.children.map(async (child) => {
        if (child.exitCode !== null || child.signalCode !== null || !child.connected) {
          child.kill('SIGKILL');
          return;
        }
        const exited = once(child, 'exit');
        child.send({ type: 'close' } satisfies ToWorker);
        await exited;
      }),
    );
  }
}
