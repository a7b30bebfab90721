// Three batch processes on one PostgreSQL database, a job firing every second: each fire runs
// once, on one of them. (The engine suite covers PGlite and the in-process cases.)
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createTestPostgres, skipUnless, uniqueName } from '@chat/platform/testing';
import { type SpawnedServer, startHealthyServer, stopServer, TEST_JWT_SECRET } from '@chat/testing';
import { until } from './batch-db.ts';

/** The job made to fire every second. Only its runs are counted: another job's own schedule
 * (the dead-letter sweep fires at :00 and :30) may fire in the same second. */
const JOB = 'batch-history-retention';
const skip = await skipUnless('batch: three nodes, one run per fire', 'postgres');

describe('batch: three processes on PostgreSQL', { skip }, () => {
  test('a schedule firing every second runs once per fire across three nodes', async () => {
    const db = await createTestPostgres();
    const nodes: SpawnedServer[] = [];
    try {
      const env = {
        SERVICES: 'batch',
        DATABASE_URL: db.url,
        JWT_SECRET: TEST_JWT_SECRET,
        NAMESPACE: uniqueName('t'),
        DATA_DIR: '/nonexistent-batch-data',
        BATCH_CRON_BATCH_HISTORY_RETENTION: '* * * * * *',
        BATCH_POLL_MS: '100',
      };
      // The first applies the migrations; the other two start on a migrated database together.
      nodes.push(await startHealthyServer(env));
      nodes.push(...(await Promise.all([startHealthyServer(env), startHealthyServer(env)])));
      const completed = async () =>
        (await db.query(`select 1 from batch.executions where job = $1 and status = 'completed'`, [JOB])).rows
          .length;
      await until(async () => (await completed()) >= 6, 30_000, 'six completed fires');
      await Promise.all(nodes.map((n) => stopServer(n)));
      const runs = (
        await db.query<{ id: number; scheduled_for: Date; status: string }>(
          'select id, scheduled_for, status from batch.executions where job = $1 order by scheduled_for',
          [JOB],
        )
      ).rows;
      const seconds = runs.map((r) => r.scheduled_for.getTime() / 1000);
      assert.equal(new Set(seconds).size, seconds.length, 'one run per fire');
      for (let i = 1; i < seconds.length; i++)
        assert.equal(seconds[i]! - seconds[i - 1]!, 1, 'no fire missed');
      // Each completed run was started once, on one node.
      const starts = (
        await db.query<{ execution_id: number; n: number }>(
          "select execution_id, count(*)::int as n from batch.logs where message like 'started on node %' group by 1",
        )
      ).rows;
      for (const r of runs.filter((x) => x.status === 'completed')) {
        assert.equal(
          starts.find((s) => Number(s.execution_id) === Number(r.id))?.n,
          1,
          `run ${r.id} started once`,
        );
      }
    } finally {
      await Promise.all(nodes.map((n) => stopServer(n)));
      await db.close();
    }
  });
});
