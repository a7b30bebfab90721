import { AsyncLocalStorage } from 'node:async_hooks';
import { Kysely, PostgresDialect, type PostgresPool } from 'kysely';
import type { ComponentHealth } from '../ports/health.ts';
import type { SqlDatabase, SqlExecutor } from '../ports/sql.ts';
import { openInProcessEngine, type PgliteEngine } from './pglite-engine.ts';
import { startWorkerEngine } from './pglite-worker/client.ts';

export interface PgliteOptions {
  /** Folder of the database files; undefined keeps the database in memory. */
  dataDir?: string;
  /**
   * Run PGlite's WebAssembly in a worker thread (default), keeping the main event loop free
   * for sockets; `false` runs it in this thread.
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

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * PostgreSQL in WebAssembly. One connection: raw queries, transactions and Kysely all take
 * turns through one mutex, so a transaction's statements never interleave with anyone else's.
 * Inside `transaction(fn)` use the `tx` given to `fn`; the database itself would wait for the
 * transaction to end, so using it there throws instead of deadlocking.
 */
export async function createPgliteDatabase(opts: PgliteOptions = {}): Promise<SqlDatabase> {
  const inWorker = opts.inWorker ?? true;
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
  const exclusive = async <T>(fn: () => Promise<T>): Promise<T> => {
    const release = await lock();
    try {
      return await fn();
    } finally {
      release();
    }
  };

  // A pg-Pool-like shim for Kysely: a "connection" holds the mutex until released.
  const pool: PostgresPool = {
    async connect() {
      const release = await lock();
      return {
        query: (sql: string, params: readonly unknown[]) => engine.query(sql, params),
        release,
      } as unknown as Awaited<ReturnType<PostgresPool['connect']>>;
    },
    async end() {},
  };
  const kysely: SqlDatabase['kysely'] = new Kysely({ dialect: new PostgresDialect({ pool }) });

  async function transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const release = await lock();
    const scope = { active: true };
    let finished = false;
    const guard = () => {
      if (finished) throw new Error('transaction already finished: do not use its executor afterwards');
    };
    const tx: SqlExecutor = {
      async query<R>(text: string, params?: readonly unknown[]) {
        guard();
        const { rows, rowCount } = await engine.query<R>(text, params);
        return { rows, rowCount };
      },
      async exec(text: string) {
        guard();
        await engine.exec(text);
      },
    };
    try {
      await engine.query('begin');
      const result = await transactionScope.run(scope, () => fn(tx));
      const commit = await engine.query('commit');
      if (commit.command === 'ROLLBACK') {
        throw new Error('transaction rolled back: a statement in it failed earlier');
      }
      return result;
    } catch (err) {
      await engine.query('rollback').catch(() => undefined);
      throw err;
    } finally {
      finished = true;
      scope.active = false;
      release();
    }
  }

  return {
    adapter: 'pglite',
    kysely,
    query: <R>(text: string, params?: readonly unknown[]) =>
      exclusive(async () => {
        const { rows, rowCount } = await engine.query<R>(text, params);
        return { rows, rowCount };
      }),
    exec: (text: string) =>
      exclusive(async () => {
        await engine.exec(text);
      }),
    transaction,
    async health(): Promise<ComponentHealth> {
      const details = {
        adapter: 'pglite',
        dataDir: opts.dataDir ?? 'memory',
        engine: inWorker ? 'worker' : 'in-process',
      };
      try {
        await withTimeout(
          exclusive(() => engine.query('select 1')),
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
          await engine.close();
        } finally {
          release();
        }
      })();
      return closing;
    },
  };
}
