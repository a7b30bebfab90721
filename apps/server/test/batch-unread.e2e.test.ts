// The unread-reconciliation job end to end, embedded and on PostgreSQL + Redis + NATS: a cached
// room list made to disagree with PostgreSQL (as a lost invalidation would leave it) is found,
// reported and repaired; a second run finds nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { connectStomp } from '@chat/chat/testing';
import { describeOnBackends, eventually, signup } from '@chat/testing';

await describeOnBackends(
  'batch: unread reconciliation against the cached room lists',
  (p) => {
    const admin = () => ({ token: p().admin.token });
    const run = async (params: Record<string, unknown>) => {
      const res = await p().api.post('/api/batch/jobs/unread-reconciliation/runs', { params }, admin());
      assert.equal(res.status, 202, JSON.stringify(res.body));
      const done = await eventually(async () => {
        const r = await p().api.get(`/api/batch/executions/${res.body.id}`, admin());
        if (r.body.status === 'failed') throw new Error(`the run failed: ${r.body.error}`);
        return r.body.status === 'completed' ? r.body : undefined;
      });
      const logs = await p().api.get(`/api/batch/executions/${res.body.id}/logs`, admin());
      return { run: done, lines: logs.body.lines.map((l: { message: string }) => l.message) as string[] };
    };

    test('an injected drift is found, reported and repaired; the next run finds none', async () => {
      const [alice, bob] = await Promise.all([signup(p().api), signup(p().api)]);
      const room = await p().api.post(
        '/api/rooms/direct',
        { targetUserId: bob.userId },
        { token: alice.token },
      );
      const b = await connectStomp(p().server.url, bob.token);
      try {
        for (const content of ['하나', '둘', '셋'])
          await b.sendWithReceipt('/app/chat.send', { roomId: room.body.id, content });
      } finally {
        await b.close();
      }
      const unread = async () => {
        const list = await p().api.get('/api/rooms', { token: alice.token });
        return list.body.find((r: { id: number }) => r.id === room.body.id)?.unreadCount as
          | number
          | undefined;
      };
      await eventually(async () => (await unread()) === 3);

      // The cache now serves Alice's list. Make it disagree, under the current version (what
      // a lost invalidation leaves): Alice would see 0 unread.
      const cache = p().server.server.infra.cache;
      const [version, entry] = await cache.mget([
        `chat:list:v2:${alice.userId}`,
        `chat:list:${alice.userId}`,
      ]);
      assert.ok(entry, 'the list is cached');
      const list = JSON.parse(entry.slice(entry.indexOf('\n') + 1)) as { id: number; unreadCount: number }[];
      for (const r of list) if (r.id === room.body.id) r.unreadCount = 0;
      await cache.set(`chat:list:${alice.userId}`, `${version ?? '0'}\n${JSON.stringify(list)}`, {
        ttlMs: 60_000,
      });
      assert.equal(await unread(), 0, 'the drift shows');

      // One member a chunk: the checkpoint moves member by member.
      const found = await run({ usersPerChunk: 1 });
      assert.ok(found.run.counts.written >= 1, 'a repaired list counted');
      const report = found.lines.find((l) => l.includes('differences found and repaired'));
      assert.ok(report, found.lines.join('\n'));
      assert.match(report, new RegExp(`user ${alice.userId} room ${room.body.id}: cached 0, actual 3`));
      assert.equal(await unread(), 3, 'repaired: the list comes from PostgreSQL again');

      const clean = await run({});
      assert.ok(
        clean.lines.includes('no difference: every cached room list agreed with PostgreSQL'),
        clean.lines.join('\n'),
      );
      assert.equal(clean.run.counts.written, 0);
    });
  },
  { env: { BATCH_POLL_MS: '100', CHAT_SEND_RATE_PER_SEC: '1000', CHAT_SEND_BURST: '1000' } },
);
