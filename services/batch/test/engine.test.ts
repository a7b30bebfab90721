// The batch engine on PGlite and on PostgreSQL: fires claimed once across nodes, no overlap,
// missed fires by policy, retries and timeouts, fencing, and a stopped node's run resumed.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createPostgresDatabase, type SqlDatabase } from '@chat/platform';
import type { AnyJob } from '../src/jobs/job.ts';
import { type BatchDb, batchDb, engineOn, kinds, until } from './batch-db.ts';
import { squaresJob } from './fixtures/jobs.ts';

type Engine = ReturnType<typeof engineOn>['engine'];

/** A promise and its resolver: a job step that waits until the test lets it go. */
function gate(): { wait: Promise<void>; open(): void } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { wait, open };
}

async function rows<R>(db: SqlDatabase, sql: string, params: unknown[] = []): Promise<R[]> {
  return (await db.query<R>(sql, params)).rows;
}

async function outputOf(db: SqlDatabase, executionId: number): Promise<number[]> {
  const r = await rows<{ n: number }>(db, 'select n from fixture.output where execution_id = $1 order by n', [
    executionId,
  ]);
  return r.map((x) => x.n);
}

const ONE_TO_1000 = Array.from({ length: 1000 }, (_, i) => i + 1);

for (const { kind, skip } of await kinds('batch engine')) {
  describe(`batch engine [${kind}]`, { skip }, () => {
    let b: BatchDb;
    const engines: Engine[] = [];
    const extraDbs: SqlDatabase[] = [];
    before(async () => {
      b = await batchDb(kind);
    });
    after(async () => {
      await Promise.all(engines.map((e) => e.stop()));
      await Promise.all(extraDbs.map((d) => d.close()));
      await b?.close();
    });
    const stopEngines = async () => {
      await Promise.all(engines.splice(0).map((e) => e.stop()));
    };
    const reset = async () => {
      await stopEngines();
      await b.db.exec('truncate batch.executions, batch.schedules cascade; truncate fixture.output');
    };
    /** A node's own connection: PostgreSQL, a pool of its own; PGlite, the one database. */
    const nodeDb = async (): Promise<SqlDatabase> => {
      if (!b.url) return b.db;
      const d = await createPostgresDatabase({ url: b.url, poolSize: 3 });
      extraDbs.push(d);
      return d;
    };
    const started = async (db: SqlDatabase, jobs: AnyJob[], o = {}) => {
      const n = engineOn(db, jobs, o);
      await n.engine.start();
      engines.push(n.engine);
      return n;
    };

    test('a schedule fires once a second with three nodes running: one run per fire, each written once', async () => {
      await reset();
      const nodes = await Promise.all([nodeDb(), nodeDb(), nodeDb()]);
      for (const db of nodes) await started(db, [squaresJob(db, { chunkSize: 250, cron: '* * * * * *' })]);
      await until(
        async () =>
          (await rows(b.db, "select 1 from batch.executions where status = 'completed'")).length >= 4,
        20_000,
        'four completed fires',
      );
      await stopEngines();
      const runs = await rows<{ id: number; scheduled_for: Date; status: string; trigger: string }>(
        b.db,
        'select id, scheduled_for, status, trigger from batch.executions order by scheduled_for',
      );
      // Every second from the first fire to the last has exactly one run (completed, or skipped
      // while the previous one was still active): none missed, none twice.
      const seconds = runs.map((r) => r.scheduled_for.getTime() / 1000);
      assert.equal(new Set(seconds).size, seconds.length, 'one run per fire');
      for (let i = 1; i < seconds.length; i++)
        assert.equal(seconds[i]! - seconds[i - 1]!, 1, 'no fire missed');
      assert.ok(runs.every((r) => r.trigger === 'schedule'));
      for (const r of runs.filter((x) => x.status === 'completed')) {
        assert.deepEqual(await outputOf(b.db, r.id), ONE_TO_1000, `run ${r.id} wrote each item once`);
      }
    });

    test('no overlap: run-now while a run is active is 409 and fires meanwhile are recorded as skipped', async () => {
      await reset();
      const g = gate();
      let reads = 0;
      const job = squaresJob(b.db, {
        cron: '* * * * * *',
        chunkSize: 500,
        onChunk: async () => {
          if (reads++ === 0) await g.wait;
        },
      });
      const { engine } = await started(b.db, [job]);
      await until(
        async () =>
          (await rows(b.db, "select 1 from batch.executions where status = 'running'")).length === 1,
        10_000,
        'a running fire',
      );
      await assert.rejects(engine.runNow('squares', {}, 1), (err: Error & { code?: string }) => {
        assert.match(err.message, /has an active run/);
        return true;
      });
      await until(
        async () => (await rows(b.db, "select 1 from batch.executions where status = 'skipped'")).length >= 1,
        10_000,
        'a skipped fire',
      );
      const [skipped] = await rows<{ error: string }>(
        b.db,
        "select error from batch.executions where status = 'skipped'",
      );
      assert.match(skipped!.error, /still active/);
      g.open();
      await until(
        async () =>
          (await rows(b.db, "select 1 from batch.executions where status = 'completed'")).length >= 1,
        10_000,
        'the run to complete',
      );
      const active = await rows(b.db, "select 1 from batch.executions where status = 'running'");
      assert.ok(active.length <= 1, 'never two active runs of the job');
    });

    test('missed fires: run-once makes up the latest one (once, on any number of nodes); skip records it', async () => {
      await reset();
      const realNow = Date.now();
      // Hourly fires; the nodes come up 30 minutes after the next one (they were all down).
      const nextHour = Math.ceil(realNow / 3_600_000) * 3_600_000;
      const now = () => new Date(nextHour + 30 * 60_000 + (Date.now() - realNow));
      const runOnce = squaresJob(b.db, { name: 'hourly-once', cron: '0 * * * *', chunkSize: 500 });
      const skipJob = {
        ...squaresJob(b.db, { name: 'hourly-skip' }),
        schedule: { cron: '0 * * * *', missed: 'skip' as const },
      };
      const nodes = await Promise.all([nodeDb(), nodeDb()]);
      for (const db of nodes) await started(db, [runOnce, skipJob], { now, timezone: 'UTC' });
      await until(
        async () =>
          (await rows(b.db, "select 1 from batch.executions where status in ('completed', 'skipped')"))
            .length >= 2,
        10_000,
        'both jobs handled their missed fire',
      );
      await stopEngines();
      const runs = await rows<{
        job: string;
        trigger: string;
        status: string;
        scheduled_for: Date;
        error: string;
      }>(b.db, 'select job, trigger, status, scheduled_for, error from batch.executions order by job');
      assert.equal(runs.length, 2, JSON.stringify(runs));
      assert.deepEqual(
        runs.map((r) => [r.job, r.trigger, r.status, r.scheduled_for.getTime()]),
        [
          ['hourly-once', 'missed', 'completed', nextHour],
          ['hourly-skip', 'missed', 'skipped', nextHour],
        ],
      );
      assert.match(runs[1]!.error, /policy: skip/);
    });

    test('a failed attempt is retried from its checkpoint; one failing every time ends failed with its error', async () => {
      await reset();
      let failures = 0;
      const flaky = {
        ...squaresJob(b.db, {
          name: 'flaky',
          chunkSize: 100,
          onChunk: (cursor) => {
            if (cursor === 500 && failures++ === 0) throw new Error('source unavailable');
          },
        }),
        retry: { attempts: 2, backoffMs: 0 },
      };
      const broken = {
        ...squaresJob(b.db, {
          name: 'broken',
          onChunk: () => {
            throw new Error('always broken');
          },
        }),
        retry: { attempts: 2, backoffMs: 0 },
      };
      const { engine, repo } = await started(b.db, [flaky, broken]);
      const f = await engine.runNow('flaky', {}, 1);
      const x = await engine.runNow('broken', {}, 1);
      await until(
        async () =>
          (await rows(b.db, "select 1 from batch.executions where status in ('completed', 'failed')"))
            .length === 2,
        10_000,
        'both runs ended',
      );
      const fr = (await repo.execution(f.id))!;
      assert.equal(fr.status, 'completed');
      assert.equal(fr.attempt, 2);
      assert.deepEqual(await outputOf(b.db, f.id), ONE_TO_1000, 'the retry went on from the checkpoint');
      const xr = (await repo.execution(x.id))!;
      assert.equal(xr.status, 'failed');
      assert.equal(xr.attempt, 2);
      assert.equal(xr.error, 'always broken');
      const logs = (await repo.logs(x.id, 0, 100)).map((l) => `${l.level}:${l.message}`);
      assert.ok(
        logs.some((l) => l.startsWith('warn:attempt 1 failed: always broken')),
        logs.join('\n'),
      );
      assert.ok(
        logs.some((l) => l === 'error:failed: always broken'),
        logs.join('\n'),
      );
    });

    test('a run over its timeout fails ("timed out") and commits nothing more', async () => {
      await reset();
      const slow = { ...squaresJob(b.db, { name: 'slow', chunkSize: 10, delayMs: 40 }), timeoutMs: 300 };
      const { engine, repo } = await started(b.db, [slow]);
      const run = await engine.runNow('slow', {}, 1);
      await until(async () => (await repo.execution(run.id))!.status === 'failed', 10_000, 'the run to fail');
      const row = (await repo.execution(run.id))!;
      assert.equal(row.error, 'timed out after 300 ms');
      const written = (await outputOf(b.db, run.id)).length;
      assert.ok(written > 0 && written < 1000, `some chunks before the timeout (${written})`);
      assert.equal(row.write_count, written, 'the counts are those committed');
    });

    test('a step that never returns still fails at its timeout, and the job is free again', async () => {
      await reset();
      const never = new Promise<void>(() => undefined);
      const stuck = {
        ...squaresJob(b.db, { name: 'stuck', onChunk: () => never }),
        timeoutMs: 300,
        retry: { attempts: 3, backoffMs: 0 },
      };
      const { engine, repo } = await started(b.db, [stuck]);
      const run = await engine.runNow('stuck', {}, 1);
      await until(async () => (await repo.execution(run.id))!.status === 'failed', 5000, 'the run to fail');
      const row = (await repo.execution(run.id))!;
      assert.equal(row.error, 'timed out after 300 ms');
      assert.equal(row.attempt, 1, 'a timeout is not retried');
      // Not "still active": another run of the job is accepted.
      assert.ok(await engine.runNow('stuck', {}, 1));
    });

    test('a node whose own lease ran out does not take its run again; the node that does takes over alone', async () => {
      await reset();
      const g = gate();
      const [dbA, dbB] = [await nodeDb(), await nodeDb()];
      const a = await started(
        dbA,
        [
          squaresJob(dbA, {
            chunkSize: 100,
            onChunk: async (cursor) => {
              if (cursor === 300) await g.wait;
            },
          }),
        ],
        { leaseMs: 30_000 },
      );
      const run = await a.engine.runNow('squares', {}, 1);
      await until(async () => (await outputOf(b.db, run.id)).length === 300, 10_000, '300 written');
      // A's renewals stalled (as under a long pause): its lease is over. A polls on and must not
      // claim the run it is running.
      await b.db.query(
        "update batch.executions set lease_until = now() - interval '1 second' where id = $1",
        [run.id],
      );
      await new Promise((r) => setTimeout(r, 300));
      assert.equal((await a.repo.execution(run.id))!.takeovers, 0, 'A did not take its own run again');
      const bNode = await started(dbB, [squaresJob(dbB, { chunkSize: 100 })]);
      await until(
        async () => (await bNode.repo.execution(run.id))!.status === 'completed',
        10_000,
        'B completes it',
      );
      g.open();
      await until(() => a.engine.activeRuns === 0, 10_000, 'A lets it go');
      assert.deepEqual(await outputOf(b.db, run.id), ONE_TO_1000, 'each item written once');
      assert.equal((await bNode.repo.execution(run.id))!.takeovers, 1);
    });

    test('fencing: a node whose run was taken over commits no further chunk', async () => {
      await reset();
      const g = gate();
      const job = squaresJob(b.db, {
        chunkSize: 100,
        onChunk: async (cursor) => {
          if (cursor === 300) await g.wait;
        },
      });
      const { engine, repo } = await started(b.db, [job]);
      const run = await engine.runNow('squares', {}, 1);
      await until(async () => (await outputOf(b.db, run.id)).length === 300, 10_000, '300 written');
      // Another node took the run over (as after this one's lease ran out).
      await b.db.query("update batch.executions set owner = 'another-node' where id = $1", [run.id]);
      g.open();
      await until(() => engine.activeRuns === 0, 10_000, 'the node to let the run go');
      assert.equal((await outputOf(b.db, run.id)).length, 300, 'no chunk committed after the takeover');
      const row = (await repo.execution(run.id))!;
      assert.equal(row.status, 'running');
      assert.equal(row.owner, 'another-node');
    });

    test('a stopping node gives its run back; another resumes after the last committed chunk', async () => {
      await reset();
      const [dbA, dbB] = [await nodeDb(), await nodeDb()];
      const a = await started(dbA, [squaresJob(dbA, { chunkSize: 50, delayMs: 15 })]);
      const run = await a.engine.runNow('squares', {}, 1);
      await until(async () => (await outputOf(b.db, run.id)).length >= 200, 10_000, '200 written');
      await a.engine.stop();
      const given = (await a.repo.execution(run.id))!;
      assert.equal(given.status, 'queued');
      const doneBefore = (await outputOf(b.db, run.id)).length;
      assert.ok(doneBefore < 1000);
      const bNode = await started(dbB, [squaresJob(dbB, { chunkSize: 50 })]);
      await until(
        async () => (await bNode.repo.execution(run.id))!.status === 'completed',
        10_000,
        'resumed run',
      );
      assert.deepEqual(await outputOf(b.db, run.id), ONE_TO_1000, 'each item written once');
      const detail = await bNode.repo.steps(run.id);
      assert.equal(detail[0]!.done, 1000);
      const logs = (await bNode.repo.logs(run.id, 0, 100)).map((l) => l.message);
      assert.ok(
        logs.some((m) => m.startsWith(`resumed after ${doneBefore} items`)),
        logs.join('\n'),
      );
    });
  });
}
