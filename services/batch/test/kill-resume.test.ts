// A chunked job's node killed with kill -9 mid-run: a node started afterwards takes the run
// once its lease has run out, resumes after the last committed chunk, and the output equals a
// clean run's (nothing twice, nothing missing). On PostgreSQL and on PGlite (a folder).
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createPgliteDatabase, type SqlDatabase } from '@chat/platform';
import { createTestPostgres, seedPgliteDir } from '@chat/platform/testing';
import { createBatchRepository } from '../src/index.ts';
import { engineOn, kinds, prepareBatchDb, until } from './batch-db.ts';
import { squaresJob } from './fixtures/jobs.ts';

const NODE = fileURLToPath(new URL('./fixtures/batch-node.ts', import.meta.url));
const LEASE_MS = 1500;

interface Node {
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  /** Resolves with the first line matching `pattern`. */
  line(pattern: RegExp): Promise<RegExpMatchArray>;
}

function startNode(target: string, ...args: string[]): Node {
  const child = spawn(process.execPath, ['--import', 'tsx', NODE, target, String(LEASE_MS), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => {
    stderr += String(d);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const waiting: { pattern: RegExp; resolve(m: RegExpMatchArray): void }[] = [];
  createInterface({ input: child.stdout! }).on('line', (l) => {
    for (const w of [...waiting]) {
      const m = l.match(w.pattern);
      if (m) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve(m);
      }
    }
  });
  return {
    child,
    exited,
    line: (pattern) =>
      new Promise((resolve, reject) => {
        waiting.push({ pattern, resolve });
        void exited.then((code) =>
          reject(new Error(`the node exited (${code}) before ${pattern}: ${stderr}`)),
        );
      }),
  };
}

async function outputOf(db: SqlDatabase, id: number): Promise<{ n: number; square: number }[]> {
  return (
    await db.query<{ n: number; square: number }>(
      'select n, square from fixture.output where execution_id = $1 order by n, square',
      [id],
    )
  ).rows;
}

for (const { kind, skip } of await kinds('batch kill -9')) {
  describe(`batch: kill -9 of a node mid-run [${kind}]`, { skip }, () => {
    test('the run resumes on the next node from its last committed chunk; the output equals a clean run', async () => {
      // The database, and a clean run of the same job for the reference output.
      let dir: string | undefined;
      let target: string;
      let db: SqlDatabase;
      if (kind === 'postgres') {
        const pg = await createTestPostgres({ poolSize: 3 });
        db = pg;
        target = pg.url;
      } else {
        dir = await mkdtemp(join(tmpdir(), 'batch-kill-'));
        target = join(dir, 'pg');
        await seedPgliteDir(target);
        db = await createPgliteDatabase({ dataDir: target });
      }
      try {
        await prepareBatchDb(db);
        const clean = engineOn(db, [squaresJob(db, { chunkSize: 25 })]);
        await clean.engine.start();
        const cleanRun = await clean.engine.runNow('squares', {}, 1);
        await until(
          async () => (await clean.repo.execution(cleanRun.id))?.status === 'completed',
          30_000,
          'clean run',
        );
        await clean.engine.stop();
        const expected = await outputOf(db, cleanRun.id);
        assert.equal(expected.length, 1000);
        // PGlite: one process at a time holds the folder.
        if (kind === 'pglite') await db.close();

        const first = startNode(target, 'run');
        const id = Number((await first.line(/^execution (\d+)$/))[1]);
        await first.line(/^chunk (3\d\d|[4-9]\d\d)$/); // 300 or more committed
        first.child.kill('SIGKILL');
        await first.exited;

        const second = startNode(target, 'resume', String(id));
        await second.line(new RegExp(`^completed ${id}$`));
        assert.equal(await second.exited, 0);

        if (kind === 'pglite') db = await createPgliteDatabase({ dataDir: target });
        const repo = createBatchRepository(db);
        assert.deepEqual(
          await outputOf(db, id),
          expected,
          'the same rows as the clean run: none twice, none missing',
        );
        const row = (await repo.execution(id))!;
        assert.equal(row.status, 'completed');
        assert.equal(row.write_count, 1000, 'counts: each committed chunk once');
        const logs = (await repo.logs(id, 0, 100)).map((l) => l.message);
        assert.ok(
          logs.some((m) => /^resumed on node .*: the lease of node .* ran out$/.test(m)),
          logs.join('\n'),
        );
        const resumedAt = logs.map((m) => m.match(/^resumed after (\d+) items/)).find(Boolean);
        assert.ok(resumedAt && Number(resumedAt[1]) >= 300, logs.join('\n'));
      } finally {
        await db.close().catch(() => undefined);
        if (dir) await rm(dir, { recursive: true, force: true });
      }
    });
  });
}
