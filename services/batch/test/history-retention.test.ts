// The batch-history-retention job deletes ended runs (and their steps and logs) older than
// keepDays, and nothing else.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { historyRetentionJob } from '../src/jobs/history-retention.ts';
import { createBatchRepository } from '../src/store/batch.repository.ts';
import { batchDb, engineOn, kinds, until } from './batch-db.ts';

for (const { kind, skip } of await kinds('batch history retention')) {
  describe(`batch-history-retention [${kind}]`, { skip }, () => {
    test('deletes ended runs older than keepDays with their steps and logs; active and recent runs stay', async () => {
      const b = await batchDb(kind);
      try {
        const seed = async (
          job: string,
          status: string,
          endedDaysAgo: number | null,
          firedDaysAgo?: number,
        ) => {
          const { rows } = await b.db.query<{ id: number }>(
            `insert into batch.executions (job, trigger, status, lane, created_at, started_at, ended_at, scheduled_for)
             values ($1, 'manual', $2, $3, now() - interval '200 days', now() - interval '200 days',
                     case when $4::int is null then null else now() - make_interval(days => $4::int) end,
                     case when $5::int is null then null else date_trunc('day', now()) - make_interval(days => $5::int) end)
             returning id`,
            [
              job,
              status,
              `lane-${job}-${status}-${endedDaysAgo}-${firedDaysAgo}`,
              endedDaysAgo,
              firedDaysAgo ?? null,
            ],
          );
          const id = rows[0]!.id;
          await b.db.query("insert into batch.logs (execution_id, level, message) values ($1, 'info', 'x')", [
            id,
          ]);
          await b.db.query(
            "insert into batch.steps (execution_id, position, name, status) values ($1, 0, 's', 'completed')",
            [id],
          );
          return id;
        };
        // A monthly job's fires: the older one goes, its latest stays (however old): it tells a
        // restarted node that fire was run, so it is not made up again.
        const olderFire = await seed('monthly', 'completed', 150, 150);
        const latestFire = await seed('monthly', 'completed', 120, 120);
        const gone = [
          olderFire,
          await seed('a', 'completed', 100),
          await seed('a', 'failed', 91),
          await seed('a', 'skipped', 120),
        ];
        const kept = [
          latestFire,
          await seed('a', 'completed', 89),
          await seed('a', 'failed', 10),
          await seed('b', 'queued', null),
          await seed('c', 'running', null),
        ];
        const repo = createBatchRepository(b.db);
        const { engine } = engineOn(b.db, [historyRetentionJob(repo)]);
        await engine.start();
        try {
          const run = await engine.runNow('batch-history-retention', { keepDays: 90 }, 1);
          await until(async () => (await repo.execution(run.id))?.status === 'completed', 10_000, 'the run');
          const left = (
            await b.db.query<{ id: number }>('select id from batch.executions order by id')
          ).rows.map((r) => r.id);
          assert.deepEqual(
            left,
            [...kept, run.id].sort((x, y) => x - y),
          );
          for (const table of ['logs', 'steps']) {
            const orphans = await b.db.query(
              `select 1 from batch.${table} where execution_id = any($1::bigint[])`,
              [gone],
            );
            assert.equal(orphans.rows.length, 0, `no ${table} of deleted runs`);
          }
          assert.equal((await repo.execution(run.id))!.write_count, 4);
        } finally {
          await engine.stop();
        }
      } finally {
        await b.close();
      }
    });
  });
}
