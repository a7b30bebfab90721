import pg from 'pg';
import { withTimeout } from '../async/with-timeout.ts';
import type { ComponentHealth } from '../ports/health.ts';
import type { QueryResult, SqlDatabase, SqlExecutor } from '../ports/sql.ts';

export interface PostgresOptions {
  /** `postgres://user:password@host:port/database` */
  url: string;
  /** Most connections in the pool (default 10). */
  poolSize?: number;
  /** How long to wait for a connection, at start and from the pool (default 5000 ms). */
  connectTimeoutMs?: number;
  /** Errors of idle pooled connections (the pool drops and replaces them). Default: ignored. */
  onError?: (err: Error) => void;
}

const INT8 = 20;
const INT8_ARRAY = 1016;
const HEALTH_TIMEOUT_MS = 2000;

type Parser = (value: string) => unknown;

function numbersDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(numbersDeep);
  return value === null ? null : Number(value);
}

/** int8 (and int8[]) as JS numbers, as PGlite returns them; numeric stays a string. */
const builtinParser = pg.types.getTypeParser as (oid: number, format?: string) => Parser;
const parseInt8Array = builtinParser(INT8_ARRAY, 'text');
const typeParsers = {
  getTypeParser(oid: number, format?: string): Parser {
    if (oid === INT8) return Number;
    if (oid === INT8_ARRAY) return (value) => numbersDeep(parseInt8Array(value));
    return builtinParser(oid, format);
  },
} as unknown as pg.CustomTypesConfig;

/** `host:port` of a URL, never its credentials. */
export function describePostgresTarget(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname || 'localhost'}:${u.port || '5432'}`;
  } catch {
    return 'the configured URL';
  }
}

/** A short reason: the system error code (ECONNREFUSED) or the server's message. */
export function connectFailureReason(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown; errors?: unknown[] } | null;
  if (e && typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code)) return e.code;
  if (e && Array.isArray(e.errors) && e.errors.length > 0) return connectFailureReason(e.errors[0]);
  if (e && typeof e.message === 'string' && e.message !== '') return e.message;
  return String(err);
}

type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

async function runQuery<R>(
  on: Queryable,
  text: string,
  params?: readonly unknown[],
): Promise<QueryResult<R>> {
  // Always the extended protocol, as PGlite's query(): one statement, bound parameters.
  const config = { text, values: params ? [...params] : [], queryMode: 'extended' } as pg.QueryConfig;
  const result = await on.query(config);
  return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
}

async function runExec(on: Queryable, text: string): Promise<void> {
  // Without parameters pg uses the simple protocol, which accepts several statements.
  await on.query(text);
}

async function runTransaction<T>(pool: pg.Pool, fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // The pool listens for errors of idle clients only. A checked-out client whose server goes
  // away while no statement runs (killed, restarted, the backend terminated) emits 'error';
  // unheard, that is an uncaught exception that ends the process. Heard, the next statement
  // fails ("not queryable") and the client is discarded on release.
  let broken = false;
  const onError = () => {
    broken = true;
  };
  client.on('error', onError);
  let finished = false;
  const guard = () => {
    if (finished) throw new Error('transaction already finished: do not use its executor afterwards');
  };
  const tx: SqlExecutor = {
    async query<R>(text: string, params?: readonly unknown[]) {
      guard();
      return runQuery<R>(client, text, params);
    },
    async exec(text: string) {
      guard();
      await runExec(client, text);
    },
  };
  let discard = false;
  try {
    await client.query('begin');
    const result = await fn(tx);
    const commit = await client.query('commit');
    if (commit.command === 'ROLLBACK') {
      throw new Error('transaction rolled back: a statement in it failed earlier');
    }
    return result;
  } catch (err) {
    await client.query('rollback').catch(() => {
      discard = true;
    });
    throw err;
  } finally {
    finished = true;
    client.removeListener('error', onError);
    client.release(discard || broken || undefined);
  }
}

/** PostgreSQL through a `pg` pool; fails fast when the server cannot be reached. */
export async function createPostgresDatabase(opts: PostgresOptions): Promise<SqlDatabase> {
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.poolSize ?? 10,
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 5000,
    types: typeParsers,
  });
  pool.on('error', (err) => opts.onError?.(err));
  try {
    await pool.query('select 1');
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw new Error(
      `cannot connect to PostgreSQL at ${describePostgresTarget(opts.url)}: ${connectFailureReason(err)}`,
    );
  }

  let closing: Promise<void> | undefined;
  const poolDetails = () => ({
    adapter: 'postgres',
    totalCount: pool.totalCount,
    idleCount: pool.idleCount,
    waitingCount: pool.waitingCount,
  });

  return {
    adapter: 'postgres',
    query: <R>(text: string, params?: readonly unknown[]) => runQuery<R>(pool, text, params),
    exec: (text: string) => runExec(pool, text),
    transaction: <T>(fn: (tx: SqlExecutor) => Promise<T>) => runTransaction(pool, fn),
    stats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    async health(): Promise<ComponentHealth> {
      try {
        await withTimeout(pool.query('select 1'), HEALTH_TIMEOUT_MS);
        return { status: 'UP', details: poolDetails() };
      } catch (err) {
        return { status: 'DOWN', details: { ...poolDetails(), error: connectFailureReason(err) } };
      }
    },
    close() {
      closing ??= pool.end();
      return closing;
    },
  };
}
