import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Consumer } from '@chat/platform';
import { describeOnBackends, eventually, login, signup, TEST_ADMIN } from '@chat/testing';

const TOPIC = 'ops.poison';
const GROUP = 'ops-test';

interface DeadLetterView {
  id: string;
  topic: string;
  group: string;
  partition: number;
  offset: number;
  key: string;
  attempts: number;
  error: string;
  deadAt: string;
  valueBytes: number;
  valuePreview: string;
  valueTruncated: boolean;
}

await describeOnBackends(
  'admin API: dead letters and consumer groups',
  (platform) => {
    let consumer: Consumer | undefined;
    let broken = true;
    const handled: string[] = [];

    before(async () => {
      // A consumer of our own: it rejects "poison" records until it is "fixed".
      consumer = await platform().server.server.infra.log.consume(
        TOPIC,
        GROUP,
        async (records) => {
          for (const r of records) {
            const text = Buffer.from(r.value).toString('utf8');
            if (broken && text.startsWith('poison')) throw new Error(`cannot handle ${r.key}`);
          }
          for (const r of records) handled.push(Buffer.from(r.value).toString('utf8'));
        },
        { maxAttempts: 2, initialBackoffMs: 5, maxBackoffMs: 20 },
      );
    });
    after(async () => {
      await consumer?.stop();
    });

    const admin = () => ({ token: platform().admin.token });
    const deadLetters = async (query = `topic=${TOPIC}&group=${GROUP}`) => {
      const res = await platform().api.get(`/api/admin/dead-letters?${query}`, admin());
      assert.equal(res.status, 200, res.text);
      return res.body as { deadLetters: DeadLetterView[]; hasMore: boolean };
    };

    test('401 without a token, 403 for a user, on every admin route', async () => {
      const { api } = platform();
      const user = await signup(api);
      const calls = [
        (o?: { token: string }) => api.get('/api/admin/dead-letters', o),
        (o?: { token: string }) => api.post('/api/admin/dead-letters/redrive', { topic: 1 }, o),
        (o?: { token: string }) => api.get('/api/admin/consumers', o),
      ];
      for (const call of calls) {
        const anonymous = await call();
        assert.equal(anonymous.status, 401);
        assert.equal(anonymous.body.error, 'UNAUTHORIZED');
        const forbidden = await call({ token: user.token });
        assert.equal(forbidden.status, 403, 'the role is checked before the body is validated');
        assert.equal(forbidden.body.error, 'FORBIDDEN');
      }
    });

    test('validation: bad parameters are 400 naming the field, unknown groups 404', async () => {
      const { api } = platform();
      const cases: [
        string,
        Promise<{ status: number; body: { error: string; message: string } }>,
        number,
        RegExp,
      ][] = [
        ['limit=0', api.get('/api/admin/dead-letters?limit=0', admin()), 400, /limit/],
        ['limit=abc', api.get('/api/admin/dead-letters?limit=abc', admin()), 400, /limit/],
        ['empty topic', api.get('/api/admin/dead-letters?topic=', admin()), 400, /topic/],
        ['unknown topic', api.get('/api/admin/dead-letters?topic=nope', admin()), 404, /topic "nope"/],
        [
          'unknown group of a known topic',
          api.get(`/api/admin/dead-letters?topic=${TOPIC}&group=nope`, admin()),
          404,
          /group "nope"/,
        ],
        [
          'redrive without group',
          api.post('/api/admin/dead-letters/redrive', { topic: TOPIC }, admin()),
          400,
          /group/,
        ],
        [
          'redrive with a bad id',
          api.post('/api/admin/dead-letters/redrive', { topic: TOPIC, group: GROUP, ids: ['x1'] }, admin()),
          400,
          /ids/,
        ],
        [
          'redrive with no ids',
          api.post('/api/admin/dead-letters/redrive', { topic: TOPIC, group: GROUP, ids: [] }, admin()),
          400,
          /ids/,
        ],
        [
          'redrive of an unknown group',
          api.post('/api/admin/dead-letters/redrive', { topic: TOPIC, group: 'nope' }, admin()),
          404,
          /group "nope"/,
        ],
      ];
      for (const [name, pending, status, message] of cases) {
        const res = await pending;
        assert.equal(res.status, status, name);
        assert.match(res.body.message, message, name);
      }
    });

    test('a poison record is dead-lettered, listed with its error, re-driven after a fix and consumed', async () => {
      const { api, server } = platform();
      const log = server.server.infra.log;
      const poison = `poison 한국어 ${'x'.repeat(2000)}`;
      const [placed] = await log.append(TOPIC, [{ key: 'k-1', value: poison }]);
      await log.append(TOPIC, [{ key: 'k-1', value: 'good after poison' }]);
      await eventually(async () => handled.includes('good after poison'), 15_000);

      const listed = await eventually(async () => {
        const body = await deadLetters();
        return body.deadLetters.length === 1 && body;
      }, 15_000);
      const [dead] = listed.deadLetters;
      assert.ok(dead && placed);
      assert.equal(listed.hasMore, false);
      assert.equal(dead.topic, TOPIC);
      assert.equal(dead.group, GROUP);
      assert.equal(dead.key, 'k-1');
      assert.equal(dead.partition, placed.partition);
      assert.equal(dead.offset, placed.offset);
      assert.equal(dead.attempts, 2);
      assert.match(dead.error, /cannot handle k-1/);
      assert.ok(Date.parse(dead.deadAt) > 0);
      assert.equal(dead.valueBytes, Buffer.byteLength(poison));
      assert.equal(dead.valueTruncated, true);
      assert.ok(Buffer.byteLength(dead.valuePreview) <= 1024);
      assert.ok(
        poison.startsWith(dead.valuePreview),
        'the preview is the start of the value, whole characters',
      );

      const all = await deadLetters('');
      assert.ok(
        all.deadLetters.some((d) => d.id === dead.id),
        'without filters every known group is listed',
      );

      const scrape = await (await fetch(`${server.url}/actuator/prometheus`)).text();
      const sample = (name: string) => {
        const prefix = `${name}{topic="${TOPIC}",group="${GROUP}"} `;
        const line = scrape.split('\n').find((l) => l.startsWith(prefix));
        return line === undefined ? undefined : Number(line.slice(prefix.length));
      };
      assert.equal(sample('eventlog_dead_letters_total'), 1);
      assert.ok((sample('eventlog_retries_total') ?? 0) >= 1);
      assert.equal(sample('eventlog_consumed_records_total'), 1);

      broken = false;
      const missing = await api.post(
        '/api/admin/dead-letters/redrive',
        { topic: TOPIC, group: GROUP, ids: ['999999999'] },
        admin(),
      );
      assert.equal(missing.status, 200);
      assert.equal(missing.body.redriven, 0, 'an id that is not there is skipped');
      const redriven = await api.post(
        '/api/admin/dead-letters/redrive',
        { topic: TOPIC, group: GROUP, ids: [dead.id] },
        admin(),
      );
      assert.equal(redriven.status, 200, redriven.text);
      assert.deepEqual(redriven.body, { topic: TOPIC, group: GROUP, redriven: 1 });
      await eventually(async () => handled.includes(poison), 15_000);
      assert.equal((await deadLetters()).deadLetters.length, 0);
    });

    test('consumers lists every group of the process with its lag per partition', async () => {
      const res = await platform().api.get('/api/admin/consumers', admin());
      assert.equal(res.status, 200, res.text);
      const groups = res.body.consumers as {
        topic: string;
        group: string;
        lag: number;
        partitions: { partition: number; lag: number }[];
        localInstances: number;
        assignedPartitions: number[];
      }[];
      const pairs = groups.map((g) => `${g.topic}/${g.group}`);
      for (const expected of ['chat.messages/chat-persist', 'users.events/chat-users', `${TOPIC}/${GROUP}`]) {
        assert.ok(pairs.includes(expected), `${expected} in ${pairs.join(', ')}`);
      }
      const ours = groups.find((g) => g.group === GROUP)!;
      assert.equal(ours.localInstances, 1);
      assert.ok(ours.partitions.length > 0);
      assert.equal(
        ours.lag,
        ours.partitions.reduce((s, p) => s + p.lag, 0),
      );
      const known = new Set(ours.partitions.map((p) => p.partition));
      assert.ok(ours.assignedPartitions.every((p) => known.has(p)));
    });

    test('a node that runs no consumers (CONSUMERS=false) still lists the groups its services use', async () => {
      const node = await platform().start({ CONSUMERS: 'false' });
      const admin = await login(node.api, TEST_ADMIN.email, TEST_ADMIN.password);
      const res = await node.api.get('/api/admin/consumers', { token: admin.token });
      assert.equal(res.status, 200, res.text);
      const { consumers } = res.body as {
        consumers: { topic: string; group: string; localInstances: number; lag: number | null }[];
      };
      const persist = consumers.find((c) => c.topic === 'chat.messages' && c.group === 'chat-persist');
      assert.ok(persist, `chat-persist listed: ${JSON.stringify(consumers)}`);
      assert.equal(persist.localInstances, 0, 'consumed elsewhere');
      assert.equal(typeof persist.lag, 'number', 'with its lag, read from the log');
      assert.ok(consumers.some((c) => c.topic === 'users.events' && c.group === 'chat-users'));
    });
  },
  { transport: 'inject' },
);
