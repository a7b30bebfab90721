// The daily-sales job end to end, embedded and on PostgreSQL + Redis + NATS: an administrator
// makes packs and grants points, people buy with points (one a gift) and one refunds; the job
// reads the store's figures through its client and writes the day, which the report gives as
// JSON and CSV.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { type Api, describeOnBackends, eventually, type Loose, signup } from '@chat/testing';

/** A zone where it is about noon now, so the test's day cannot end while it runs. */
function noonZone(): string {
  const offset = 12 - new Date().getUTCHours();
  if (offset === 0) return 'UTC';
  return offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
}
const ZONE = noonZone();
const today = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date());
const daysBefore = (n: number) => {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
};
const idempotencyKey = () => `k-${randomUUID()}`;

await describeOnBackends(
  'batch: daily sales from the store',
  (p) => {
    const admin = () => ({ token: p().admin.token });
    const createPack = async (price: number): Promise<Loose> => {
      const res = await p().api.post(
        '/api/store/admin/items',
        {
          title: `Pack ${randomUUID().slice(0, 8)}`,
          artist: 'Tester',
          description: 'A pack of the sales test',
          price,
          category: 'cute',
          tags: ['test'],
          emoticons: [{ alt: '😀' }],
        },
        admin(),
      );
      assert.equal(res.status, 201, res.text);
      return res.body;
    };
    const grant = async (userId: number, amount: number) => {
      const res = await p().api.post(
        '/api/store/admin/points/grants',
        { userId, amount, reason: 'sales test' },
        { ...admin(), headers: { 'idempotency-key': idempotencyKey() } },
      );
      assert.equal(res.status, 201, res.text);
    };
    /** Buys with points and waits until the saga has fulfilled the order. */
    const buy = async (api: Api, token: string, body: Record<string, unknown>): Promise<number> => {
      const res = await api.post(
        '/api/store/orders',
        { ...body, method: 'POINTS' },
        { token, headers: { 'idempotency-key': idempotencyKey() } },
      );
      assert.equal(res.status, 201, res.text);
      await eventually(async () => {
        const r = await api.get(`/api/store/orders/${res.body.id}`, { token });
        return r.body.status === 'FULFILLED' ? r.body : undefined;
      });
      return res.body.id;
    };
    const runFor = async (params: Record<string, unknown>) => {
      const run = await p().api.post('/api/batch/jobs/daily-sales/runs', { params }, admin());
      assert.equal(run.status, 202, JSON.stringify(run.body));
      return eventually(async () => {
        const r = await p().api.get(`/api/batch/executions/${run.body.id}`, admin());
        if (r.body.status === 'failed') throw new Error(`the run failed: ${r.body.error}`);
        return r.body.status === 'completed' ? r.body : undefined;
      });
    };
    const report = async (from = daysBefore(1), to = today) => {
      const res = await p().api.get(`/api/batch/reports/daily-sales?from=${from}&to=${to}`, admin());
      assert.equal(res.status, 200, res.text);
      return res.body.days as Loose[];
    };

    test('a day of orders, gifts, refunds, revenue and buyers; run again, the same figures', async () => {
      const { api } = p();
      const [alice, bob, carol] = await Promise.all([signup(api), signup(api), signup(api)]);
      const [big, small] = [await createPack(1200), await createPack(500)];
      await grant(alice.userId, 5000);
      await grant(bob.userId, 5000);

      await buy(api, alice.token, { itemId: big.id });
      await buy(api, alice.token, { itemId: small.id, giftTo: carol.userId });
      await buy(api, bob.token, { itemId: big.id });
      const refunded = await buy(api, bob.token, { itemId: small.id });
      const refund = await api.post(`/api/store/orders/${refunded}/refund`, {}, { token: bob.token });
      assert.equal(refund.status, 200, refund.text);
      await eventually(async () => {
        const r = await api.get(`/api/store/orders/${refunded}`, { token: bob.token });
        return r.body.status === 'REFUNDED' ? r.body : undefined;
      });

      const run = await runFor({ day: today });
      assert.deepEqual(
        run.steps.map((s: { name: string; status: string }) => [s.name, s.status]),
        [['sales', 'completed']],
      );
      const expected = {
        day: today,
        // Four paid today (the refunded one too), one of them a gift, by two people.
        orders: 4,
        gifts: 1,
        refunds: 1,
        // 1200 + 500 + 1200 + 500 paid, 500 refunded.
        revenue: 2900,
        buyers: 2,
      };
      assert.deepEqual(
        (await report()).find((d) => d.day === today),
        expected,
      );
      const logs = await p().api.get(`/api/batch/executions/${run.id}/logs`, admin());
      assert.ok(
        logs.body.lines.some((l: { message: string }) =>
          l.message.includes('4 orders (1 gifts), 1 refunds, revenue 2900 points, 2 buyers'),
        ),
        JSON.stringify(logs.body.lines),
      );

      // Run again: the day is made again, not added to.
      await runFor({ day: today });
      assert.deepEqual(
        (await report()).filter((d) => d.day === today),
        [expected],
      );

      const csv = await fetch(
        `${p().server.url}/api/batch/reports/daily-sales?from=${today}&to=${today}&format=csv`,
        { headers: { authorization: `Bearer ${p().admin.token}` } },
      );
      assert.equal(csv.status, 200);
      assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
      assert.match(
        csv.headers.get('content-disposition') ?? '',
        new RegExp(`attachment; filename="daily-sales-${today}-${today}.csv"`),
      );
      const lines = (await csv.text()).trimEnd().split('\r\n');
      assert.equal(lines[0], 'day,time_zone,orders,gifts,refunds,revenue,buyers,computed_at');
      assert.equal(lines.length, 2);
      assert.match(lines[1]!, new RegExp(`^${today},${ZONE.replace('+', '\\+')},4,1,1,2900,2,\\d{4}-`));
    });

    test('a scheduled run counts yesterday; bad days and ranges get the contract error; admins only', async () => {
      const run = await runFor({});
      assert.equal(run.params.day, daysBefore(1));
      assert.deepEqual(
        (await report()).find((d) => d.day === daysBefore(1)),
        { day: daysBefore(1), orders: 0, gifts: 0, refunds: 0, revenue: 0, buyers: 0 },
      );
      const bad = async (path: string, body?: unknown) => {
        const res =
          body === undefined ? await p().api.get(path, admin()) : await p().api.post(path, body, admin());
        assert.equal(res.status, 400, `${path}: ${JSON.stringify(res.body)}`);
        return res.body.message as string;
      };
      assert.match(
        await bad('/api/batch/jobs/daily-sales/runs', { params: { day: '2026-02-30' } }),
        /body\.params\.day: 2026-02-30 is not a calendar day/,
      );
      assert.match(
        await bad('/api/batch/jobs/daily-sales/runs', { params: { chunkSize: 100 } }),
        /body\.params/,
      );
      const reports = '/api/batch/reports/daily-sales';
      assert.match(
        await bad(`${reports}?from=2026-02-30&to=2026-03-01`),
        /querystring\.from: 2026-02-30 is not a calendar day/,
      );
      assert.match(await bad(`${reports}?from=2026-03-02&to=2026-03-01`), /from must not be after/);
      assert.match(await bad(`${reports}?from=2024-01-01&to=2026-03-01`), /at most 366 days/);
      const user = await signup(p().api);
      assert.equal(
        (await p().api.get(`${reports}?from=${today}&to=${today}`, { token: user.token })).status,
        403,
      );
      assert.equal((await p().api.get(`${reports}?from=${today}&to=${today}`)).status, 401);
      const jobs = await p().api.get('/api/batch/jobs', admin());
      const job = jobs.body.find((j: { name: string }) => j.name === 'daily-sales');
      assert.deepEqual(job.schedule, { cron: '20 0 * * *', timezone: ZONE, missedFires: 'run-once' });
    });
  },
  { env: { BATCH_POLL_MS: '100', BATCH_TIMEZONE: ZONE } },
);

// Every service but batch in the main server, which opens its internal listener (a split).
const INTERNAL_TOKEN = `internal-${randomUUID()}`;

await describeOnBackends(
  'batch: daily sales read over the store internal listener (split services)',
  (p) => {
    test('a batch-only node reads the store figures at STORE_URL', async () => {
      const storeUrl = p().server.internalUrl;
      assert.ok(storeUrl, 'the main server opened its internal listener');
      const range = 'from=2026-01-01T00:00:00.000Z&to=2026-01-02T00:00:00.000Z';
      const refused = await fetch(`${storeUrl}/internal/store/stats/sales?${range}`);
      assert.equal(refused.status, 401);
      const batch = await p().start({
        NAMESPACE: p().env.NAMESPACE!,
        SERVICES: 'batch',
        STORE_URL: storeUrl,
      });
      const admin = { token: p().admin.token };

      const buyer = await signup(p().api);
      const pack = await p().api.post(
        '/api/store/admin/items',
        {
          title: `Pack ${randomUUID().slice(0, 8)}`,
          artist: 'Tester',
          description: 'A pack of the split test',
          price: 700,
          category: 'cute',
          tags: ['test'],
          emoticons: [{ alt: '😀' }],
        },
        admin,
      );
      assert.equal(pack.status, 201, pack.text);
      const grant = await p().api.post(
        '/api/store/admin/points/grants',
        { userId: buyer.userId, amount: 1000, reason: 'split test' },
        { ...admin, headers: { 'idempotency-key': idempotencyKey() } },
      );
      assert.equal(grant.status, 201, grant.text);
      const bought = await p().api.post(
        '/api/store/orders',
        { itemId: pack.body.id, method: 'POINTS' },
        { token: buyer.token, headers: { 'idempotency-key': idempotencyKey() } },
      );
      assert.equal(bought.status, 201, bought.text);

      const run = await batch.api.post('/api/batch/jobs/daily-sales/runs', { params: { day: today } }, admin);
      assert.equal(run.status, 202, run.text);
      await eventually(async () => {
        const r = await batch.api.get(`/api/batch/executions/${run.body.id}`, admin);
        if (r.body.status === 'failed') throw new Error(`the run failed: ${r.body.error}`);
        return r.body.status === 'completed' ? r.body : undefined;
      });
      const res = await batch.api.get(`/api/batch/reports/daily-sales?from=${today}&to=${today}`, admin);
      assert.deepEqual(res.body.days, [
        { day: today, orders: 1, gifts: 0, refunds: 0, revenue: 700, buyers: 1 },
      ]);
    });
  },
  {
    kinds: ['real'],
    env: {
      SERVICES: 'gateway,users,auth,chat,store',
      INTERNAL_TOKEN,
      INTERNAL_PORT: '0',
      BATCH_POLL_MS: '100',
      BATCH_TIMEZONE: ZONE,
    },
  },
);
