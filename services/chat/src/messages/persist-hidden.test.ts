import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runMigrations, type SqlDatabase } from '@chat/platform';
import { createTestPglite, createTestPostgres, skipUnless } from '@chat/platform/testing';
import { createMessageRepository } from './message.repository.ts';

const migrations = fileURLToPath(new URL('../../migrations', import.meta.url));

/**
 * Hidden rooms and the persistence statement: a member who hid a room before a message has it
 * back (and is named, to be told live); a hiding newer than the message stays, the sender's
 * own included (the message was accepted before they hid the room, stored after).
 */
function suite(kind: string, open: () => Promise<SqlDatabase>, skip: string | false = false) {
  describe(`persisting into hidden rooms (${kind})`, { skip }, () => {
    let db: SqlDatabase;
    let key = 0;
    const persist = (senderId: number, acceptedAt: number) =>
      createMessageRepository(db).persistBatch([
        { roomId: 10, senderId, messageKey: `k${++key}`, content: '안녕', type: 'TEXT', acceptedAt },
      ]);
    const hiding = async () =>
      (
        await db.query<{ user_id: number }>(
          'select user_id from chat.room_members where room_id = 10 and hidden_at is not null order by user_id',
        )
      ).rows.map((r) => Number(r.user_id));
    const hide = (userIds: number[]) =>
      db.query(
        'update chat.room_members set hidden_at = now() where room_id = 10 and user_id = any($1::int8[])',
        [userIds],
      );

    before(async () => {
      db = await open();
      await runMigrations(db, 'chat', migrations);
      await db.exec(`
        insert into chat.users (id, nickname) values (1, '하나'), (2, '둘'), (3, '셋'), (4, '넷');
        insert into chat.rooms (id, type, name, created_by) values (10, 'GROUP', '방', 1);
        insert into chat.room_members (room_id, user_id) values (10, 1), (10, 2), (10, 3), (10, 4);`);
    });
    after(async () => {
      await db?.close();
    });

    test('a message accepted before the hidings ends none of them, the sender’s neither', async () => {
      await hide([1, 2, 3]);
      const { rows } = await persist(1, Date.now() - 60_000);
      assert.equal(rows.length, 1);
      assert.equal(rows[0]?.revealed_to ?? null, null);
      assert.deepEqual(await hiding(), [1, 2, 3]);
    });

    test('a newer message brings the room back to every member who hid it, and names the others', async () => {
      const { rows } = await persist(1, Date.now() + 60_000);
      assert.deepEqual((rows[0]?.revealed_to ?? []).map(Number).sort(), [2, 3]);
      assert.deepEqual(await hiding(), []);
      const again = await persist(4, Date.now() + 60_000);
      assert.equal(again.rows[0]?.revealed_to ?? null, null, 'told once');
    });
  });
}

suite('PGlite', () => createTestPglite());
suite('PostgreSQL', () => createTestPostgres(), await skipUnless('persisting into hidden rooms', 'postgres'));
