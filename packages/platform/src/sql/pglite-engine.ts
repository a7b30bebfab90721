import { mkdir } from 'node:fs/promises';
import { PGlite, type Results } from '@electric-sql/pglite';
import type { QueryResult } from '../ports/sql.ts';

/** A statement's result plus its command tag (Kysely and `transaction()` read it). */
export interface RawResult<R> extends QueryResult<R> {
  command: string;
}

/**
 * Where PGlite runs: in this thread, or in a worker thread (`pglite-worker/client.ts`).
 * Callers serialise their calls; an engine never sees two at once. The mutex, transactions,
 * the Kysely shim and the guard live once, in `pglite.ts`, above whichever engine.
 */
export interface PgliteEngine {
  query<R>(text: string, params?: readonly unknown[]): Promise<RawResult<R>>;
  /** Several statements, no parameters. */
  exec(text: string): Promise<void>;
  close(): Promise<void>;
}

const DML = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE']);

function toResult<R>(result: Results<R>, text: string): RawResult<R> {
  const command = (result.command ?? /^\s*(\w+)/.exec(text)?.[1] ?? '').toUpperCase();
  const rowCount = DML.has(command) ? (result.affectedRows ?? result.rows.length) : result.rows.length;
  return { rows: result.rows, rowCount, command };
}

async function openPglite(dataDir: string | undefined): Promise<PGlite> {
  try {
    if (dataDir !== undefined && !dataDir.includes('://')) await mkdir(dataDir, { recursive: true });
    return await PGlite.create({ dataDir, parsers: { 20: Number } });
  } catch (err) {
    throw new Error(`cannot open PGlite at ${dataDir ?? 'memory'}: ${(err as Error).message}`);
  }
}

/** PGlite in this thread: its WebAssembly runs on the caller's event loop. */
export async function openInProcessEngine(dataDir: string | undefined): Promise<PgliteEngine> {
  const pglite = await openPglite(dataDir);
  return {
    async query<R>(text: string, params?: readonly unknown[]) {
      return toResult(await pglite.query<R>(text, params ? [...params] : undefined), text);
    },
    async exec(text: string) {
      await pglite.exec(text);
    },
    close: () => pglite.close(),
  };
}
