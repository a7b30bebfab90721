/** Messages between `client.ts` (main thread) and `host.ts` (the worker), by request id. */
import { asBeginFailure, isBeginFailure } from '../pglite-engine.ts';

export type Request =
  | { id: number; op: 'open'; dataDir: string | undefined }
  | { id: number; op: 'query'; text: string; params: readonly unknown[] | undefined; begin?: true }
  | { id: number; op: 'exec'; text: string; begin?: true }
  | { id: number; op: 'close' };

/** A PostgreSQL error's fields that callers read (`code` is the SQLSTATE, e.g. '23505'). */
export interface WireError {
  message: string;
  fields: Record<string, string>;
  /** `begin` itself failed (see `CallOptions.begin`). */
  beginFailed?: true;
}

export type Response =
  | { id: number; rows: unknown[]; rowCount: number; command: string }
  | { id: number; done: true }
  | { id: number; error: WireError };

const PG_ERROR_FIELDS = [
  'code',
  'severity',
  'detail',
  'hint',
  'position',
  'internalPosition',
  'internalQuery',
  'where',
  'schema',
  'table',
  'column',
  'dataType',
  'constraint',
  'file',
  'line',
  'routine',
] as const;

export function toWireError(err: unknown): WireError {
  const source = (err ?? {}) as Record<string, unknown>;
  const fields: Record<string, string> = {};
  for (const key of PG_ERROR_FIELDS) {
    const value = source[key];
    if (typeof value === 'string') fields[key] = value;
  }
  const wire: WireError = { message: err instanceof Error ? err.message : String(err), fields };
  if (isBeginFailure(err)) wire.beginFailed = true;
  return wire;
}

/** A real Error again, with the PostgreSQL fields on it as PGlite in-process would have them. */
export function fromWireError(wire: WireError, text?: string, params?: readonly unknown[]): Error {
  const err = Object.assign(new Error(wire.message), wire.fields);
  if (text !== undefined) Object.assign(err, { query: text, params });
  if (wire.beginFailed) asBeginFailure(err);
  return err;
}
