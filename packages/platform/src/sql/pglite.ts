import { AsyncLocalStorage } from 'node:async_hooks';
import { withTimeout } from '../async/with-timeout.ts';
import type { ComponentHealth } from '../ports/health.ts';
import type { SqlDatabase, SqlExecutor } from '../ports/sql.ts';
import { isBeginFailure, openInProcessEngine, type PgliteEngine } from './pglite-engine.ts';
import { startWorkerEngine } from './pglite-worker/client.ts';

export interface PgliteOptions {
  /** Folder of the database files; undefined keeps the database in memory. */
  dataDir?: string;
  /**
   * Run PGlite's WebAssembly in a worker thread: the main event loop stays free for sockets
   * (in this thread, a queue of statements runs back to back and starves timers and I/O), at
   * the cost of fewer statements per second (every statement is a message round trip; see
   * `bench/src/pglite-engines.ts`). Default `false`: PGlite runs in this thread.
   */
  inWorker?: boolean;
}

const HEALTH_TIMEOUT_MS = 5000;

/** FIFO async mutex: PGlite is one connection, so every use of it takes turns. */
function createMutex(): () => Promise<() => void> {
  let tail: Promise<void> = Promise.resolve();
  return async () => {
    const previous = tail;
    let unlock!: () => void;
    tail = new Promise<void>((resolve) => {
      unlock = resolve;
    });
    await previous;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      unlock();
    };
  };
}

/**
 * A transaction's `begin` goes with its first statement, saving a round trip to the worker.
 * Until a call carrying `begin` succeeds in opening the transaction, later calls wait for it
 * and carry `begin` again, so no statement of the transaction ever runs outside it.
 */
function lazyBegin() {
  let state: 'none' | 'opening' | 'open' = 'none';
  let settled: Promise<unknown> = Promise.resolve();
  let failed = false;
  return {
    async call<T>(run: (begin: boolean) => Promise<T>): Promise<T> {
      while (state === 'opening') await settled;
      if (state === 'open') return run(false);
      state = 'opening';
      const pending = run(true);
      settled = pending.then(
        () => {
          state = 'open';
        },
        (err: unknown) => {
          state = isBeginFailure(err) ? 'none' : 'open';
          if (state === 'none') failed = true;
        },
      );
      return pending;
    },
    /** Whether a transaction may be open (waits for a `begin` in flight). */
    async begun(): Promise<boolean> {
      await settled;
      return state === 'open';
    },
    /** A `begin` failed: the statement that carried it never ran. */
    failed: () => failed,
  };
}

/**
 * PostgreSQL in WebAssembly. One connection: queries and transactions take
 * turns through one mutex, so a transaction's statements never interleave with anyone else's.
 * The engine runs calls in the order they are made, so a single statement (or a transaction's
 * commit) hands the turn on once it is sent, not once it has run: with the worker engine the
 * next caller's statement is already queued while the worker runs this one.
 * Inside `transaction(fn)` use the `tx` given to `fn`; the database itself would wait for the
 * transaction to end, so using it there throws instead of deadlocking.
 */
export async function createPgliteDatabase(opts: PgliteOptions = {}): Promise<SqlDatabase> {
  const inWorker = opts.inWorker ?? false;
  const engine: PgliteEngine = inWorker
    ? await startWorkerEngine(opts.dataDir)
    : await openInProcessEngine(opts.dataDir);
  const acquire = createMutex();
  const transactionScope = new AsyncLocalStorage<{ active: boolean }>();
  let closing: Promise<void> | undefined;

  const lock = async (): Promise<() => void> => {
    if (transactionScope.getStore()?.active) {
      throw new Error('PGlite: the database was used inside its own transaction(fn); use the tx given to fn');
    }
    if (closing) throw new Error('PGlite: the database is closed');
    return acquire();
  };
  /** Makes one engine call in turn; the turn passes on as soon as the call is made. */
  const inTurn = async <T>(call: () => Promise<T>): Promise<T> => {
    const release = await lock();
    try {
      return call();
    } finally {
      release();
    }
  };

  async function transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const release = await lock();
    const scope = { active: true };
    const opening = lazyBegin();
    let finished = false;
    let committing = false;
    const guard = () => {
      if (finished) throw new Error('transaction already finished: do not use its executor afterwards');
    };
    const tx: SqlExecutor = {
      async query<R>(text: string, params?: readonly unknown[]) {
        guard();
        const { rows, rowCount } = await opening.call((begin) => engine.query<R>(text, params, { begin }));
        return { rows, rowCount };
      },
      async exec(text: string) {
        guard();
        await opening.call((begin) => engine.exec(text, { begin }));
      },
    };
    try {
      const result = await transactionScope.run(scope, () => fn(tx));
      finished = true;
      if (opening.failed()) throw new Error('transaction rolled back: a statement in it failed earlier');
      if (!(await opening.begun())) return result; // fn ran no statement: nothing to commit
      const commit = engine.query('commit');
      // COMMIT ends the transaction whatever its outcome (committed, rolled back or failed),
      // so the next caller's statements may queue behind it, and no ROLLBACK may follow it.
      committing = true;
      release();
      if ((await commit).command === 'ROLLBACK') {
        throw new Error('transaction rolled back: a statement in it failed earlier');
      }
      return result;
    } catch (err) {
      if (!committing && (await opening.begun())) await engine.query('rollback').catch(() => undefined);
      throw err;
    } finally {
      finished = true;
      scope.active = false;
      release();
    }
  }

  return {
    adapter: 'pglite',
    query: async <R>(text: string, params?: readonly unknown[]) => {
      const { rows, rowCount } = await inTurn(() => engine.query<R>(text, params));
      return { rows, rowCount };
    },
    exec: (text: string) => inTurn(() => engine.exec(text)),
    transaction,
    async health(): Promise<ComponentHealth> {
      const details = {
        adapter: 'pglite',
        dataDir: opts.dataDir ?? 'memory',
        engine: inWorker ? 'worker' : 'in-process',
      };
      try {
        await withTimeout(
          inTurn(() => engine.query('select 1')),
          HEALTH_TIMEOUT_MS,
        );
        return { status: 'UP', details };
      } catch (err) {
        return { status: 'DOWN', details: { ...details, error: (err as Error).message } };
      }
    },
    close() {
      closing ??= (async () => {
        const release = await acquire();
        try {
          // Runs after every call already made (the engine keeps their order).
          await engine.close();
        } finally {
          release();
        }
      })();
      return closing;
    },
  };
}
