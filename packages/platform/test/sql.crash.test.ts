import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SqlDatabase } from '../src/ports/sql.ts';
import { createPgliteDatabase } from '../src/sql/pglite.ts';

const writer = fileURLToPath(new URL('./fixtures/pglite-writer.ts', import.meta.url));

/** Runs the writer fixture until it says "committed", then SIGKILLs it. */
async function writeAndKill(dataDir: string, engine: 'worker' | 'in-process'): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', writer, dataDir, engine], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += String(d);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const committed = new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (l) => l === 'committed' && resolve());
    void exited.then(() => reject(new Error(`the writer exited before committing: ${stderr}`)));
  });
  try {
    await committed;
  } finally {
    child.kill('SIGKILL');
    await exited;
  }
}

/** Opens a PGlite database in `dataDir`, catching the Worker it starts so a test can kill it. */
async function openCatchingWorker(dataDir: string): Promise<{ db: SqlDatabase; worker: Worker }> {
  let worker: Worker | undefined;
  const postMessage = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (this: Worker, ...args: Parameters<Worker['postMessage']>) {
    const req = args[0] as { op?: string; dataDir?: string } | undefined;
    if (req?.op === 'open' && req.dataDir === dataDir) worker = this;
    return postMessage.apply(this, args);
  };
  try {
    const db = await createPgliteDatabase({ dataDir, inWorker: true });
    assert.ok(worker, 'the worker was caught');
    return { db, worker };
  } finally {
    Worker.prototype.postMessage = postMessage;
  }
}

describe('PGlite survives kill -9 of its process', () => {
  for (const [writes, reads] of [
    ['worker', 'in-process'],
    ['in-process', 'worker'],
  ] as const) {
    it(`keeps what the ${writes} engine committed, drops what it had not (read ${reads})`, async () => {
      const dir = await mkdtemp(join(tmpdir(), 'pglite-kill-'));
      try {
        const dataDir = join(dir, 'pg');
        await writeAndKill(dataDir, writes);
        const db = await createPgliteDatabase({ dataDir, inWorker: reads === 'worker' });
        try {
          const { rows } = await db.query<{ n: number; uncommitted: number; body: string }>(
            `select count(*) as n, count(*) filter (where id >= 2000) as uncommitted,
                    max(body) filter (where id = 1000) as body from kept`,
          );
          assert.deepEqual(rows, [{ n: 101, uncommitted: 0, body: '한글 ✅ autocommitted' }]);
          await db.query(`insert into kept values (2000, 'after recovery')`);
        } finally {
          await db.close();
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  }
});

describe('PGlite worker thread', () => {
  it('rejects calls in flight and later ones, and reports DOWN, when its worker dies', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pglite-dies-'));
    const { db, worker } = await openCatchingWorker(join(dir, 'pg'));
    try {
      const inFlight = db.query('select count(*) from generate_series(1, 200000000)');
      const waiting = db.transaction((tx) => tx.query('select 1'));
      await worker.terminate();
      await assert.rejects(inFlight, /PGlite worker exited/);
      await assert.rejects(waiting, /PGlite worker exited/);
      const health = await db.health();
      assert.equal(health.status, 'DOWN');
      assert.match(String(health.details.error), /PGlite worker exited/);
      await assert.rejects(db.query('select 1'), /PGlite worker exited/);
    } finally {
      await db.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('gives PostgreSQL errors back as Errors with their SQLSTATE and fields', async () => {
    const db = await createPgliteDatabase({ inWorker: true });
    try {
      await db.exec('create table u (k text constraint u_k unique)');
      await db.query(`insert into u values ('a')`);
      const err = await db.query(`insert into u values ('a')`).catch((e: unknown) => e);
      assert.ok(err instanceof Error);
      assert.match(err.message, /duplicate key value violates unique constraint "u_k"/);
      assert.deepEqual(
        { ...err },
        {
          ...err,
          code: '23505',
          constraint: 'u_k',
          detail: 'Key (k)=(a) already exists.',
          table: 'u',
          severity: 'ERROR',
        },
      );
      assert.equal(
        (await db.query<{ b: Uint8Array }>('select $1::bytea as b', [new Uint8Array([0, 1, 255])])).rows[0]!.b
          .length,
        3,
      );
    } finally {
      await db.close();
    }
  });
});
