// The daily-statistics job end to end, embedded and on PostgreSQL + Redis + NATS: people sign
// up, open rooms and talk over STOMP; the job reads chat's and users' figures through their
// clients and writes the day, which the report gives as JSON and CSV.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { connectStomp } from '@chat/chat/testing';
import { describeOnBackends, eventually, signup } from '@chat/testing';

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

await describeOnBackends(
  'batch: daily statistics from chat and users',
  (p) => {
    const admin = () => ({ token: p().admin.token });
    const runFor = async (params: Record<string, unknown>) => {
      const run = await p().api.post('/api/batch/jobs/daily-statistics/runs', { params }, admin());
      assert.equal(run.status, 202, JSON.stringify(run.body));
      return eventually(async () => {
        const r = await p().api.get(`/api/batch/executions/${run.body.id}`, admin());
        if (r.body.status === 'failed') throw new Error(`the run failed: ${r.body.error}`);
        return r.body.status === 'completed' ? r.body : undefined;
      });
    };
    const report = async () =>
      (await p().api.get(`/api/batch/reports/daily-statistics?from=${daysBefore(1)}&to=${today}`, admin()))
        .body;

    test('a day of messages by room type, active users, signups and rooms; chunked, the same figures again', async () => {
      const [alice, bob, carol, dave] = await Promise.all([
        signup(p().api),
        signup(p().api),
        signup(p().api),
        signup(p().api),
      ]);
      const direct = await p().api.post(
        '/api/rooms/direct',
        { targetUserId: bob.userId },
        { token: alice.token },
      );
      const group = await p().api.post(
        '/api/rooms/group',
        { name: 'stats', memberIds: [alice.userId, bob.userId] },
        { token: carol.token },
      );
      assert.equal(group.status, 201);
      const [a, c] = await Promise.all([
        connectStomp(p().server.url, alice.token),
        connectStomp(p().server.url, carol.token),
      ]);
      try {
        // Two connections open at once: chat samples them within a second of opening.
        const chatDb = p().server.server.infra.db;
        await eventually(async () => {
          const { rows } = await chatDb.query<{ peak: number | null }>(
            'select max(peak) as peak from chat.connection_peaks',
          );
          return (rows[0]?.peak ?? 0) >= 2;
        });
        for (let i = 0; i < 130; i++)
          await a.sendWithReceipt('/app/chat.send', { roomId: direct.body.id, content: `d${i}` });
        for (let i = 0; i < 120; i++)
          await c.sendWithReceipt('/app/chat.send', { roomId: group.body.id, content: `g${i}` });
        await a.sendWithReceipt('/app/chat.send', { roomId: group.body.id, content: 'alice in the group' });
      } finally {
        await Promise.all([a.close(), c.close()]);
      }
      // Who was active earlier: bob three days ago (WAU), dave twelve days ago (MAU only).
      const db = p().server.server.infra.db;
      await db.query('insert into batch.daily_active_users (day, user_id) values ($1, $2), ($3, $4)', [
        daysBefore(3),
        bob.userId,
        daysBefore(12),
        dave.userId,
      ]);
      // Every message is stored before the job reads: a room's newest is its last one sent (a
      // room's messages are stored in order).
      const newest = async (roomId: number, token: string) =>
        (await p().api.get(`/api/rooms/${roomId}/messages?size=1`, { token })).body.messages?.[0]?.content;
      await eventually(async () => (await newest(direct.body.id, alice.token)) === 'd129');
      await eventually(async () => (await newest(group.body.id, carol.token)) === 'alice in the group');

      const run = await runFor({ day: today, chunkSize: 100 });
      const messagesStep = run.steps.find((s: { name: string }) => s.name === 'messages');
      assert.equal(messagesStep.status, 'completed');
      assert.ok(messagesStep.done >= 251, `the step read every message (${messagesStep.done})`);
      const [day] = (await report()).filter((d: { day: string }) => d.day === today);
      assert.deepEqual(
        {
          messages: day.messages,
          activeUsers: day.activeUsers,
          weeklyActiveUsers: day.weeklyActiveUsers,
          monthlyActiveUsers: day.monthlyActiveUsers,
          roomsCreated: day.roomsCreated,
          peakConnections: day.peakConnections,
          timeZone: day.timeZone,
        },
        {
          messages: { direct: 130, group: 121, total: 251 },
          activeUsers: 2,
          weeklyActiveUsers: 3,
          monthlyActiveUsers: 4,
          roomsCreated: 2,
          peakConnections: 2,
          timeZone: ZONE,
        },
      );
      // The administrator and the four people signed up today (this suite's server is its own).
      assert.equal(day.signups, 5);

      // Run again, in one chunk: the day is made again, not added to.
      await runFor({ day: today, chunkSize: 10_000 });
      const [again] = (await report()).filter((d: { day: string }) => d.day === today);
      assert.deepEqual(again.messages, day.messages);
      assert.equal(again.activeUsers, 2);

      const csv = await fetch(
        `${p().server.url}/api/batch/reports/daily-statistics?from=${today}&to=${today}&format=csv`,
        { headers: { authorization: `Bearer ${p().admin.token}` } },
      );
      assert.equal(csv.status, 200);
      assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
      assert.match(csv.headers.get('content-disposition') ?? '', /attachment; filename="daily-statistics-/);
      const lines = (await csv.text()).trimEnd().split('\r\n');
      assert.equal(
        lines[0],
        'day,time_zone,messages_direct,messages_group,messages_total,active_users,weekly_active_users,monthly_active_users,signups,rooms_created,peak_connections,computed_at',
      );
      assert.match(
        lines[1]!,
        new RegExp(`^${today},${ZONE.replace('+', '\\+')},130,121,251,2,3,4,5,2,2,\\d{4}-`),
      );
    });

    test('a scheduled run counts yesterday; bad days and ranges get the contract error', async () => {
      const run = await runFor({});
      assert.equal(run.params.day, daysBefore(1));
      const bad = async (path: string, body?: unknown) => {
        const res =
          body === undefined ? await p().api.get(path, admin()) : await p().api.post(path, body, admin());
        assert.equal(res.status, 400, `${path}: ${JSON.stringify(res.body)}`);
        return res.body.message as string;
      };
      assert.match(
        await bad('/api/batch/jobs/daily-statistics/runs', { params: { day: '2026-02-30' } }),
        /body\.params\.day: 2026-02-30 is not a calendar day/,
      );
      assert.match(
        await bad('/api/batch/jobs/daily-statistics/runs', { params: { day: 'yesterday' } }),
        /body\.params\.day/,
      );
      assert.match(
        await bad('/api/batch/jobs/daily-statistics/runs', { params: { chunkSize: 10 } }),
        /body\.params\.chunkSize/,
      );
      const reports = '/api/batch/reports/daily-statistics';
      assert.match(
        await bad(`${reports}?from=2026-02-30&to=2026-03-01`),
        /querystring\.from: 2026-02-30 is not a calendar day/,
      );
      assert.match(await bad(`${reports}?from=2026-03-02&to=2026-03-01`), /from must not be after/);
      assert.match(await bad(`${reports}?from=2024-01-01&to=2026-03-01`), /at most 366 days/);
      assert.match(await bad(`${reports}?from=2026-03-01&to=2026-03-02&format=xml`), /querystring\.format/);
      const user = await signup(p().api);
      assert.equal(
        (await p().api.get(`${reports}?from=${today}&to=${today}`, { token: user.token })).status,
        403,
      );
    });
  },
  {
    env: {
      BATCH_POLL_MS: '100',
      BATCH_TIMEZONE: ZONE,
      CHAT_SEND_RATE_PER_SEC: '100000',
      CHAT_SEND_BURST: '100000',
    },
  },
);

test('noonZone: a zone where it is now between 11:00 and 13:00', () => {
  const hour = Number(
    new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', hourCycle: 'h23' }).format(
      new Date(),
    ),
  );
  assert.ok(hour >= 11 && hour <= 13, `${ZONE}: ${hour}`);
});
