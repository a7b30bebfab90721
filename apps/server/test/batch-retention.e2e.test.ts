// The retention job end to end, embedded and on PostgreSQL + Redis + NATS: of one user's
// sessions, only the one expired over a day ago goes (with its refresh tokens); one expired an
// hour ago and a live one stay, and the live one still refreshes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeOnBackends, eventually, login, signup } from '@chat/testing';

await describeOnBackends(
  'batch: retention through the services',
  (p) => {
    test('removes only sessions and refresh tokens expired past the grace, and says what it removed', async () => {
      const user = await signup(p().api);
      const [old, recent, live] = [
        await login(p().api, user.email, user.password),
        await login(p().api, user.email, user.password),
        await login(p().api, user.email, user.password),
      ];
      const db = p().server.server.infra.db;
      const sessions = async () =>
        (
          await db.query<{ id: string; created_at: Date }>(
            'select id, created_at from auth.sessions where user_id = $1 order by created_at, id',
            [user.userId],
          )
        ).rows;
      // The signup's session, then one per login, in order.
      const before = await sessions();
      assert.equal(before.length, 4);
      const [oldId, recentId, liveId] = [before[1]!.id, before[2]!.id, before[3]!.id];
      const expire = async (id: string, ago: string) => {
        await db.query(`update auth.sessions set expires_at = now() - $2::interval where id = $1`, [id, ago]);
        await db.query(
          `update auth.refresh_tokens set expires_at = now() - $2::interval where session_id = $1`,
          [id, ago],
        );
      };
      await expire(oldId, '2 days');
      await expire(recentId, '1 hour');
      const tokensOf = async (id: string) =>
        (await db.query('select 1 from auth.refresh_tokens where session_id = $1', [id])).rows.length;
      assert.ok((await tokensOf(oldId)) > 0);

      const res = await p().api.post('/api/batch/jobs/retention/runs', {}, { token: p().admin.token });
      assert.equal(res.status, 202, JSON.stringify(res.body));
      const run = await eventually(async () => {
        const r = await p().api.get(`/api/batch/executions/${res.body.id}`, { token: p().admin.token });
        if (r.body.status === 'failed') throw new Error(`the run failed: ${r.body.error}`);
        return r.body.status === 'completed' ? r.body : undefined;
      });
      assert.deepEqual(
        run.steps.map((s: { name: string; status: string }) => [s.name, s.status]),
        [
          ['auth-sessions', 'completed'],
          ['chat-attachments', 'completed'],
        ],
      );
      const lines = (
        await p().api.get(`/api/batch/executions/${res.body.id}/logs`, { token: p().admin.token })
      ).body.lines as { step: string | null; message: string }[];
      const auth = lines.find((l) => l.step === 'auth-sessions')?.message ?? '';
      assert.match(auth, /^deleted 1 sessions, [1-9]\d* refresh tokens, \d+ revocations$/);
      assert.ok(
        lines.some((l) => l.step === 'chat-attachments' && /^deleted \d+ attachments$/.test(l.message)),
      );

      const after = (await sessions()).map((s) => s.id);
      assert.ok(!after.includes(oldId), 'the session expired two days ago is gone');
      assert.equal(await tokensOf(oldId), 0, 'and its refresh tokens');
      assert.ok(after.includes(recentId) && after.includes(liveId), 'the other sessions stay');
      const refreshed = await p().api.post('/api/auth/refresh', { refreshToken: live.refreshToken });
      assert.equal(refreshed.status, 200, 'the live session still refreshes');
      assert.ok(old.token && recent.token);
    });
  },
  { env: { BATCH_POLL_MS: '100' } },
);
