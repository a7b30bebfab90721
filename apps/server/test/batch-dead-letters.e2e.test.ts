// The dead-letter-sweep job end to end, embedded and on PostgreSQL + Redis + NATS: a record
// dead-lettered by an outage that has passed is re-driven and handled; a poison record is
// re-driven once, fails again, and is then reported and left alone.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Consumer } from '@chat/platform';
import { describeOnBackends, eventually } from '@chat/testing';

const TOPIC = 'ops.sweep';
const GROUP = 'sweep-test';

await describeOnBackends(
  'batch: the dead-letter sweep',
  (p) => {
    let consumer: Consumer | undefined;
    let outage = true;
    const handled: string[] = [];
    before(async () => {
      // A consumer of our own: "flaky" fails during the outage, "poison" always.
      consumer = await p().server.server.infra.log.consume(
        TOPIC,
        GROUP,
        async (records) => {
          for (const r of records) {
            const text = Buffer.from(r.value).toString('utf8');
            if (text.startsWith('poison') || (outage && text.startsWith('flaky'))) {
              throw new Error(`cannot handle ${text}`);
            }
          }
          for (const r of records) handled.push(Buffer.from(r.value).toString('utf8'));
        },
        { maxAttempts: 2, initialBackoffMs: 5, maxBackoffMs: 20 },
      );
    });
    after(() => consumer?.stop());

    const sweep = async () => {
      const res = await p().api.post(
        '/api/batch/jobs/dead-letter-sweep/runs',
        { params: { minAgeMinutes: 0 } },
        { token: p().admin.token },
      );
      assert.equal(res.status, 202, JSON.stringify(res.body));
      const run = await eventually(async () => {
        const r = await p().api.get(`/api/batch/executions/${res.body.id}`, { token: p().admin.token });
        if (r.body.status === 'failed') throw new Error(`the run failed: ${r.body.error}`);
        return r.body.status === 'completed' ? r.body : undefined;
      });
      const lines = (
        await p().api.get(`/api/batch/executions/${res.body.id}/logs`, { token: p().admin.token })
      ).body.lines as { step: string | null; message: string }[];
      return { run, report: lines.find((l) => l.step === 'sweep')?.message ?? '' };
    };
    const deadLetters = () => p().server.server.infra.log.deadLetters(TOPIC, GROUP);

    test('an outage that passed: re-driven and handled; poison: re-driven once, then reported and left', async () => {
      const log = p().server.server.infra.log;
      await log.ensureTopic(TOPIC);
      await log.append(TOPIC, [
        { key: 'a', value: 'flaky-1' },
        { key: 'b', value: 'poison-1' },
      ]);
      await eventually(async () => (await deadLetters()).length === 2 || undefined);
      outage = false;

      const first = await sweep();
      assert.match(first.report, /^\d+ dead letters, 2 re-driven$/);
      await eventually(async () => handled.includes('flaky-1') || undefined);
      // The poison record failed again and is back among the dead letters.
      await eventually(async () => {
        const d = await deadLetters();
        return (d.length === 1 && Buffer.from(d[0]!.value).toString('utf8') === 'poison-1') || undefined;
      });

      const second = await sweep();
      assert.match(
        second.report,
        /1 failed again after a re-drive, left for an administrator: ops\.sweep\/sweep-test #\S+ \(key b\): cannot handle poison-1/,
      );
      assert.match(second.report, /, 0 re-driven/);
      assert.equal(second.run.counts.written, 0);
      assert.equal((await deadLetters()).length, 1, 'left where it is');
      assert.deepEqual(
        handled.filter((h) => h === 'flaky-1'),
        ['flaky-1'],
        'handled once',
      );
    });
  },
  { env: { BATCH_POLL_MS: '100' } },
);
