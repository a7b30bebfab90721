import { mkdir } from 'node:fs/promises';
import { PGlite, type Results } from '@electric-sql/pglite';
import type { QueryResult } from '../ports/sql.ts';
import { createPreparedStatements } from './pglite-statements.ts';

/** A statement's result plus its command tag (`transaction()` reads it). */
export interface RawResult<R> extends QueryResult<R> {
  command: string;
}

/**
 * Where PGlite runs: in this thread, or in a worker thread (`pglite-worker/client.ts`).
 * An engine runs calls one at a time in the order they are made, even when a call is made
 * before the previous one has completed (`close()` too, after all calls made before it). The
 * mutex, transactions and the guard live once, in `pglite.ts`.
 */
export interface PgliteEngine {
  query<R>(text: string, params?: readonly unknown[], opts?: CallOptions): Promise<RawResult<R>>;
  /** Several statements, no parameters. */
  exec(text: string, opts?: CallOptions): Promise<void>;
  close(): Promise<void>;
}

export interface CallOptions {
  /**
   * Run `begin` first, in the same call (one round trip to a worker instead of two). When
   * `begin` itself fails, the statement does not run and the error is `isBeginFailure`.
   */
  begin?: boolean;
}

const BEGIN_FAILED = 'pgliteBeginFailed';

/** Marks an error as the failure of `begin` itself (no transaction was opened). */
export function asBeginFailure(err: unknown): unknown {
  if (err !== null && typeof err === 'object') Object.assign(err, { [BEGIN_FAILED]: true });
  return err;
}

export function isBeginFailure(err: unknown): boolean {
  return err !== null && typeof err === 'object' && BEGIN_FAILED in err;
}

const DML = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE']);

function toResult<R>(result: Results<R>, text: string): RawResult<R> {
  const command = (result.command ?? /^\s*(\w+)/.exec(text)?.[1] ?? '').toUpperCase();
  const rowCount = DML.has(command) ? (result.affectedRows ?? result.rows.length) : result.rows.length;
  return { rows: result.rows, rowCount, command };
}

const BYTEA = 17;
const INT8 = 20;

/**
 * bytea to and from PostgreSQL's hex text by Node's native codec. PGlite's own does it a byte
 * at a time in JavaScript (an array of two-digit strings joined; `parseInt` per pair), which
 * costs more than the statement itself for the log's record values (bytea arrays).
 */
export const byteaText = {
  serialize: (v: unknown): string => {
    if (!(v instanceof Uint8Array)) throw new TypeError('a bytea parameter must be a Uint8Array');
    return `\\x${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex')}`;
  },
  parse: (text: string): Uint8Array => {
    // A copy of its own: a small Buffer is a view into a shared pool.
    return new Uint8Array(Buffer.from(text.slice(2), 'hex'));
  },
};

async function openPglite(dataDir: string | undefined): Promise<PGlite> {
  try {
    if (dataDir !== undefined && !dataDir.includes('://')) await mkdir(dataDir, { recursive: true });
    return await PGlite.create({
      dataDir,
      parsers: { [INT8]: Number, [BYTEA]: byteaText.parse },
      serializers: { [BYTEA]: byteaText.serialize },
    });
  } catch (err) {
    throw new Error(`cannot open PGlite at ${dataDir ?? 'memory'}: ${(err as Error).message}`);
  }
}

/** PGlite in this thread: its WebAssembly runs on the caller's event loop. */
export async function openInProcessEngine(dataDir: string | undefined): Promise<PgliteEngine> {
  const pglite = await openPglite(dataDir);
  // Statements are parsed once and planned for every run (pglite-statements.ts).
  await pglite.exec('set plan_cache_mode = force_custom_plan');
  const statements = createPreparedStatements(pglite);
  let tail: Promise<unknown> = Promise.resolve();
  const inOrder = <T>(call: () => Promise<T>): Promise<T> => {
    const run = tail.then(call);
    tail = run.catch(() => undefined);
    return run;
  };
  const begin = async (opts: CallOptions | undefined): Promise<void> => {
    if (opts?.begin) await pglite.query('begin').catch((err: unknown) => Promise.reject(asBeginFailure(err)));
  };
  return {
    query: <R>(text: string, params?: readonly unknown[], opts?: CallOptions) =>
      inOrder(async () => {
        await begin(opts);
        return toResult(await statements.query<R>(text, params ?? []), text);
      }),
    exec: (text: string, opts?: CallOptions) =>
      inOrder(async () => {
        await begin(opts);
        await pglite.exec(text);
      }),
    close: () => inOrder(() => pglite.close()),
  };
}
