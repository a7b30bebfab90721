import type { Component } from './health.ts';

export interface QueryResult<R> {
  rows: R[];
  rowCount: number;
}

/** Runs SQL. Parameters are always bound ($1, $2, ...), never interpolated. */
export interface SqlExecutor {
  query<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
  /** Runs SQL text that may hold several statements, without parameters (migrations, DDL). */
  exec(text: string): Promise<void>;
}

/**
 * The SQL database port. PostgreSQL and PGlite speak the same SQL; int8 columns come back as
 * JavaScript numbers and timestamptz as Date on both.
 */
export interface SqlDatabase extends Component, SqlExecutor {
  /** `none`: a process that keeps no data (the gateway alone); every call is refused. */
  readonly adapter: 'postgres' | 'pglite' | 'none';
  /** Runs `fn` in one transaction: commit when it resolves, roll back when it throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Connection pool figures, for metrics (adapters without a pool may leave it out). */
  stats?(): PoolStats;
}

/** A connection pool right now: open connections, idle ones, callers waiting for one. */
export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}
