// Chat's data for account self-service against the real repositories, on PGlite and on
// PostgreSQL: the export walks my rooms and messages a page at a time (index-backed), and a
// deleted user's name is gone for good.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runMigrations, type SqlDatabase } from '@chat/platform';
import { createTestPglite, createTestPostgres, skipUnless } from '@chat/platform/testing';
import { EXPORT_SQL } from '../src/export/export.queries.ts';
import { createExportRepository } from '../src/export/export.repository.ts';
import { chatExportChunks } from '../src/export/export.stream.ts';
import { createUserDirectory } from '../src/users/user-directory.ts';

const backends: [string, () => Promise<SqlDatabase>, false | string][] = [
  ['pglite', () => createTestPglite(), false],
  ['postgres', () => createTestPostgres(), await skipUnless('chat account data [postgres]', 'postgres')],
];

async function collect(gen: AsyncGenerator<string>): Promise<string> {
  let text = '';
  for await (const chunk of gen) text += chunk;
  return text;
}

for (const [kind, open, skip] of backends) {
  describe(`chat account data [${kind}]`, { skip }, () => {
    let db: SqlDatabase;
    before(async () => {
      db = await open();
      await runMigrations(db, 'chat', fileURLToPath(new URL('../migrations', import.meta.url)));
      // Rooms 1..5; user 7 is in 1, 3 and 5 and wrote 2 messages in each of rooms 1..5 (also
      // rooms they are not in any more); user 8 wrote in every room; one SYSTEM line of 7's.
      await db.exec(`
        insert into chat.users (id, nickname) values (7, 'seven'), (8, 'eight');
        insert into chat.rooms (type, name, created_by, last_seq, member_count)
          select 'GROUP', 'room ' || g, 8, 5, 2 from generate_series(1, 5) g;
        insert into chat.room_members (room_id, user_id, role)
          select g, 7, case when g = 3 then 'OWNER' else 'MEMBER' end from generate_series(1, 5, 2) g;
        insert into chat.messages (room_id, seq, sender_id, message_key, content, type, created_at)
          select r, s, case when s <= 2 then 7 else 8 end, r || '-' || s, 'm ' || r || '.' || s, 'TEXT', now()
            from generate_series(1, 5) r, generate_series(1, 4) s;
        insert into chat.messages (room_id, seq, sender_id, message_key, content, type, created_at, system)
          values (1, 5, 7, 'sys', '', 'SYSTEM', now(), '{"type":"MEMBER_LEFT"}');
      `);
    });
    after(async () => {
      await db?.close();
    });

    test('the export in small pages is the same valid JSON as in one page: my rooms, my messages by id', async () => {
      const repo = createExportRepository(db);
      const now = new Date('2026-01-02T03:04:05Z');
      const paged = await collect(chatExportChunks(repo, 7, now, 2));
      const whole = await collect(chatExportChunks(repo, 7, now, 1000));
      assert.equal(paged, whole);
      const body = JSON.parse(paged);
      assert.equal(body.userId, 7);
      assert.equal(body.exportedAt, '2026-01-02T03:04:05.000Z');
      assert.deepEqual(
        body.rooms.map((r: { id: number; role: string }) => [r.id, r.role]),
        [
          [1, 'MEMBER'],
          [3, 'OWNER'],
          [5, 'MEMBER'],
        ],
      );
      const contents = body.messages.map((m: { content: string }) => m.content);
      assert.equal(contents.length, 10, 'two in each of the five rooms, no SYSTEM line');
      assert.ok(contents.every((c: string) => /^m \d\.[12]$/.test(c)));
      const ids = body.messages.map((m: { id: number }) => m.id);
      assert.deepEqual(
        ids,
        [...ids].sort((a: number, b: number) => a - b),
      );
      const nobody = JSON.parse(await collect(chatExportChunks(repo, 999, now, 2)));
      assert.deepEqual([nobody.rooms, nobody.messages], [[], []]);
    });

    test('a deleted user loses their name for good: replayed events and lookups do not bring it back', async () => {
      const names = async () =>
        (
          await db.query<{ id: number; nickname: string | null; deleted: boolean }>(
            'select id, nickname, deleted from chat.users where id in (7, 40) order by id',
          )
        ).rows;
      const directory = createUserDirectory(db, {
        getUser: async (id) => ({ id, nickname: `looked-up ${id}`, status: 'ACTIVE' }),
      });
      assert.equal(await directory.markDeleted(7), true, 'had a name');
      assert.equal(await directory.markDeleted(7), false, 'idempotent');
      assert.equal(await directory.upsert({ id: 7, nickname: 'seven again', status: 'ACTIVE' }), false);
      assert.equal(await directory.setNickname(7, 'renamed'), false);
      await directory.setStatus(7, 'ACTIVE');
      assert.equal(await directory.markDeleted(40), false, 'never heard of: recorded as deleted');
      assert.deepEqual((await directory.existing([7, 40])).size, 0, 'no lookup revives them');
      assert.deepEqual(await names(), [
        { id: 7, nickname: null, deleted: true },
        { id: 40, nickname: null, deleted: true },
      ]);
    });

    if (kind === 'postgres') {
      test('the export queries are index scans on a seeded database', async () => {
        await db.exec(`
          insert into chat.messages (room_id, seq, sender_id, message_key, content, type, created_at)
            select 1 + g % 5, 100 + g, case when g % 1000 = 0 then 1500 else 2000 + g % 2000 end,
                   'seed-' || g, 'x', 'TEXT', now()
              from generate_series(1, 200000) g;
          insert into chat.room_members (room_id, user_id)
            select r, 1000 + u from generate_series(1, 5) r, generate_series(0, 1999) u;
          analyze chat.messages; analyze chat.room_members;
        `);
        for (const sql of [EXPORT_SQL.messages, EXPORT_SQL.rooms]) {
          const { rows } = await db.query<{ 'QUERY PLAN': string }>(`explain ${sql}`, [1500, 0, 500]);
          const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
          assert.doesNotMatch(plan, /Seq Scan on (messages|room_members)/, plan);
          assert.match(
            plan,
            /Index (Only )?Scan (on|using) (messages_sender_\w+|room_members_user_idx)/,
            plan,
          );
        }
      });
    }
  });
}
