// The batch admin API over HTTP, on the embedded and the real backends.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeOnBackends, eventually, signup, startTestServer } from '@chat/testing';

const JOB = 'batch-history-retention';

await describeOnBackends(
  'batch: jobs and runs over the admin API',
  (p) => {
    const admin = () => ({ token: p().admin.token });

    test('jobs: schedule in Asia/Seoul with its next fire; admins only', async () => {
      const res = await p().api.get('/api/batch/jobs', admin());
      assert.equal(res.status, 200);
      const job = res.body.find((j: { name: string }) => j.name === JOB);
      assert.deepEqual(job.schedule, { cron: '30 4 * * *', timezone: 'Asia/Seoul', missedFires: 'run-once' });
      assert.equal(job.paused, false);
      // 04:30 in Seoul is 19:30 UTC, within the next day.
      const next = Date.parse(job.nextFireAt);
      assert.ok(next > Date.now() && next <= Date.now() + 86_400_000);
      assert.equal(new Date(next).toISOString().slice(11, 19), '19:30:00');
      assert.equal(job.params.properties.keepDays.default, 90);
      const user = await signup(p().api);
      assert.equal((await p().api.get('/api/batch/jobs', { token: user.token })).status, 403);
      assert.equal((await p().api.get('/api/batch/jobs')).status, 401);
      const run = await p().api.post(`/api/batch/jobs/${JOB}/runs`, {}, { token: user.token });
      assert.equal(run.status, 403);
    });

    test('run now: 202 queued, then completed with its steps and log; listed by job and status', async () => {
      const res = await p().api.post(`/api/batch/jobs/${JOB}/runs`, { params: { keepDays: 30 } }, admin());
      assert.equal(res.status, 202);
      assert.equal(res.body.trigger, 'manual');
      assert.deepEqual(res.body.params, { keepDays: 30 });
      assert.equal(res.body.requestedBy, p().admin.userId);
      const id = res.body.id;
      const done = await eventually(async () => {
        const r = await p().api.get(`/api/batch/executions/${id}`, admin());
        return r.body.status === 'completed' ? r : undefined;
      });
      assert.deepEqual(
        done.body.steps.map((s: { name: string; status: string }) => [s.name, s.status]),
        [['delete-old-runs', 'completed']],
      );
      assert.ok(Date.parse(done.body.endedAt) >= Date.parse(done.body.startedAt));
      const logs = await p().api.get(`/api/batch/executions/${id}/logs`, admin());
      assert.equal(logs.status, 200);
      const lines = logs.body.lines.map(
        (l: { step: string | null; message: string }) => `${l.step}|${l.message}`,
      );
      assert.match(lines[0], /^null\|started on node /);
      assert.ok(
        lines.some((l: string) => /^delete-old-runs\|deleted \d+ runs that ended before /.test(l)),
        lines,
      );
      const page = await p().api.get(`/api/batch/executions?job=${JOB}&status=completed&limit=1`, admin());
      assert.equal(page.status, 200);
      assert.equal(page.body.executions[0].id, id);
      const none = await p().api.get(`/api/batch/executions?job=${JOB}&status=failed`, admin());
      assert.deepEqual(none.body.executions, []);
      const scrape = await (await fetch(`${p().server.url}/actuator/prometheus`)).text();
      assert.match(
        scrape,
        new RegExp(`batch_job_runs_total\\{batch_job="${JOB}",status="completed"\\} [1-9]`),
      );
      assert.match(
        scrape,
        new RegExp(`batch_job_last_success_timestamp_seconds\\{batch_job="${JOB}"\\} [1-9]`),
      );
    });

    test('pause and resume a schedule', async () => {
      const paused = await p().api.post(`/api/batch/jobs/${JOB}/pause`, undefined, admin());
      assert.equal(paused.status, 200);
      assert.equal(paused.body.paused, true);
      assert.equal(paused.body.nextFireAt, null);
      const interval = new RegExp(`^batch_job_interval_seconds\\{batch_job="${JOB}"\\} 86400$`, 'm');
      const scrape = async () => (await fetch(`${p().server.url}/actuator/prometheus`)).text();
      assert.doesNotMatch(await scrape(), interval, 'a paused job has no interval (no alert)');
      const resumed = await p().api.post(`/api/batch/jobs/${JOB}/resume`, undefined, admin());
      assert.equal(resumed.status, 200);
      assert.equal(resumed.body.paused, false);
      assert.ok(resumed.body.nextFireAt);
      assert.match(await scrape(), interval);
    });

    test('bad input: unknown job, bad parameters, bad ids and filters get the contract error; nothing starts', async () => {
      const count = async () =>
        (await p().api.get(`/api/batch/executions?job=${JOB}&limit=200`, admin())).body.executions.length;
      const before = await count();
      const expect = async (
        res: Promise<{ status: number; body: { error: string; message: string } }>,
        status: number,
        message: RegExp,
      ) => {
        const r = await res;
        assert.equal(r.status, status, JSON.stringify(r.body));
        assert.match(r.body.message, message);
      };
      await expect(
        p().api.post('/api/batch/jobs/no-such-job/runs', {}, admin()),
        404,
        /Job no-such-job not found/,
      );
      await expect(p().api.post('/api/batch/jobs/no-such-job/pause', undefined, admin()), 404, /not found/);
      await expect(p().api.post('/api/batch/jobs/Not_A_Name/runs', {}, admin()), 400, /params\.name/);
      await expect(
        p().api.post(`/api/batch/jobs/${JOB}/runs`, { params: { keepDays: 0 } }, admin()),
        400,
        /body\.params\.keepDays/,
      );
      await expect(
        p().api.post(`/api/batch/jobs/${JOB}/runs`, { params: { keepDays: 'x' } }, admin()),
        400,
        /body\.params\.keepDays/,
      );
      await expect(
        p().api.post(`/api/batch/jobs/${JOB}/runs`, { params: { other: 1 } }, admin()),
        400,
        /body\.params\.other/,
      );
      await expect(p().api.post(`/api/batch/jobs/${JOB}/runs`, { params: [] }, admin()), 400, /body\.params/);
      await expect(p().api.get('/api/batch/executions/abc', admin()), 400, /params\.id/);
      await expect(
        p().api.get('/api/batch/executions/99999999', admin()),
        404,
        /Execution 99999999 not found/,
      );
      await expect(p().api.get('/api/batch/executions/99999999/logs', admin()), 404, /not found/);
      await expect(p().api.get('/api/batch/executions?status=done', admin()), 400, /querystring\.status/);
      await expect(p().api.get('/api/batch/executions?limit=0', admin()), 400, /querystring\.limit/);
      await expect(p().api.get('/api/batch/executions?from=yesterday', admin()), 400, /querystring\.from/);
      await expect(
        p().api.get('/api/batch/executions?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z', admin()),
        400,
        /from must be before/,
      );
      assert.equal(await count(), before, 'no run started');
    });
  },
  { env: { BATCH_POLL_MS: '100' } },
);

test('a malformed schedule in the configuration refuses the start, naming the variable', async () => {
  const cases: [Record<string, string>, RegExp][] = [
    [
      { BATCH_CRON_BATCH_HISTORY_RETENTION: '61 * * * *' },
      /BATCH_CRON_BATCH_HISTORY_RETENTION: "61 \* \* \* \*" is not a cron pattern/,
    ],
    [{ BATCH_CRON_NO_SUCH_JOB: '0 * * * *' }, /BATCH_CRON_NO_SUCH_JOB: there is no batch job no-such-job/],
    [{ BATCH_TIMEZONE: 'Mars/Base' }, /BATCH_TIMEZONE must be an IANA time zone/],
  ];
  for (const [env, message] of cases) {
    await assert.rejects(startTestServer({ env: { SERVICES: 'batch', ...env } }), message);
  }
});
