// A batch database for engine tests: PGlite in a temporary folder, or a PostgreSQL database of
// its own; migrated, with a `fixture` schema the test jobs read from and write to.
import { fileURLToPath } from 'node:url';
import { createLogger, runMigrations, type SqlDatabase } from '@chat/platform';
import { createTestPglite, createTestPostgres, skipUnless } from '@chat/platform/testing';
import { createBatchEngine, createBatchRepository, registerJobs } from '../src/index.ts';
import type { AnyJob } from '../src/jobs/job.ts';

export const MIGRATIONS = fileURLToPath(new URL('../migrations', import.meta.url));
export const quiet = createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

export type Kind = 'pglite' | 'postgres';

export interface BatchDb {
  readonly db: SqlDatabase;
  /** PostgreSQL: the database's URL (other processes connect to it). */
  readonly url?: string;
  close(): Promise<void>;
}

export async function batchDb(kind: Kind): Promise<BatchDb> {
  const db = kind === 'pglite' ? await createTestPglite() : await createTestPostgres({ poolSize: 4 });
  await prepareBatchDb(db);
  return { db, url: 'url' in db ? (db as { url: string }).url : undefined, close: () => db.close() };
}

/** The batch schema's migrations and the fixture tables (source 1..1000, an empty output). */
export async function prepareBatchDb(db: SqlDatabase): Promise<void> {
  await runMigrations(db, 'batch', MIGRATIONS);
  await db.exec(`
    create schema fixture;
    create table fixture.source (n integer primary key);
    insert into fixture.source select generate_series(1, 1000);
    create table fixture.output (n integer not null, square bigint not null, execution_id bigint not null);`);
}

/** `postgres` is skipped (and listed) when PostgreSQL is not reachable. */
export async function kinds(suite: string): Promise<{ kind: Kind; skip: false | string }[]> {
  return [
    { kind: 'pglite', skip: false },
    { kind: 'postgres', skip: await skipUnless(`${suite} [postgres]`, 'postgres') },
  ];
}

export interface EngineOptions {
  leaseMs?: number;
  pollMs?: number;
  workers?: number;
  now?: () => Date;
  timezone?: string;
  cron?: Record<string, string>;
}

/** An engine ("a node") over `db` running `jobs`. */
export function engineOn(db: SqlDatabase, jobs: readonly AnyJob[], o: EngineOptions = {}) {
  const repo = createBatchRepository(db);
  const registered = registerJobs(jobs, {
    timezone: o.timezone ?? 'Asia/Seoul',
    cron: o.cron ?? {},
    leaseMs: o.leaseMs ?? 5000,
    pollMs: o.pollMs ?? 50,
    workers: o.workers ?? 2,
  });
  const engine = createBatchEngine({
    repo,
    jobs: registered,
    logger: quiet,
    leaseMs: o.leaseMs ?? 5000,
    pollMs: o.pollMs ?? 50,
    workers: o.workers ?? 2,
    now: o.now,
    stopWaitMs: 500,
  });
  return { engine, repo };
}

/** Polls `check` every 20 ms until it holds; fails naming `what` after `ms`. */
export async function until(
  check: () => Promise<boolean> | boolean,
  ms: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
