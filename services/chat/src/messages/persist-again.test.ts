import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { MessageCommand } from '@chat/contracts';
import { runMigrations, type SqlDatabase } from '@chat/platform';
import { createTestPglite, createTestPostgres, skipUnless } from '@chat/platform/testing';
import { createMessageRepository } from './message.repository.ts';

const migrations = fileURLToPath(new URL('../../migrations', import.meta.url));

/**
 * A batch that repeats messages stored earlier (a replay after a crash, a retry past the log's
 * de-duplication window): each repeat comes back as it was stored, not stored again, in seq
 * order with the batch's new messages.
 */
function suite(kind: string, open: () => Promise<SqlDatabase>, skip: string | false = false) {
  describe(`persisting a batch that repeats stored messages (${kind})`, { skip }, () => {
    let db: SqlDatabase;
    const command = (
      roomId: number,
      senderId: number,
      messageKey: string,
      content: string,
    ): MessageCommand => ({
      roomId,
      senderId,
      messageKey,
      content,
      type: 'TEXT',
      acceptedAt: Date.now(),
    });

    before(async () => {
      db = await open();
      await runMigrations(db, 'chat', migrations);
      await db.exec(`
        insert into chat.users (id, nickname) values (1, '하나'), (2, '둘'), (3, '셋');
        insert into chat.rooms (id, type, name, created_by) values (10, 'GROUP', '방', 1), (11, 'GROUP', '둘째 방', 1);
        insert into chat.room_members (room_id, user_id) values (10, 1), (10, 2), (10, 3), (11, 1);`);
    });
    after(async () => {
      await db?.close();
    });

    test('repeats come back as stored, with whom they are hidden from, beside the new ones', async () => {
      const repo = createMessageRepository(db);
      const first = await repo.persistBatch([command(10, 1, 'a', '처음'), command(10, 2, 'b', '두 번째')]);
      assert.deepEqual(
        first.rows.map((r) => [r.seq, r.content]),
        [
          [1, '처음'],
          [2, '두 번째'],
        ],
      );
      const b = first.rows[1]!;
      await db.query('insert into chat.hidden_messages (user_id, room_id, message_id) values (3, 10, $1)', [
        b.id,
      ]);

      const { rows, dropped } = await repo.persistBatch([
        command(11, 1, 'd', '다른 방'),
        command(10, 3, 'c', '새 글'),
        command(10, 2, 'b', '바뀐 내용'),
        command(10, 1, 'a', '처음'),
        command(10, 3, 'c', '새 글'),
      ]);
      assert.deepEqual(dropped, []);
      assert.deepEqual(
        rows.map((r) => [r.room_id, r.seq, r.sender_id, r.content, r.nickname]),
        [
          [10, 1, 1, '처음', '하나'],
          [10, 2, 2, '두 번째', '둘'],
          [10, 3, 3, '새 글', '셋'],
          [11, 1, 1, '다른 방', '하나'],
        ],
      );
      assert.equal(rows[0]?.id, first.rows[0]?.id);
      assert.equal(rows[1]?.id, b.id);
      assert.deepEqual((rows[1]?.hidden_for ?? []).map(Number), [3]);
      assert.equal(rows[0]?.hidden_for ?? null, null);
      const count = await db.query<{ n: number }>('select count(*)::int as n from chat.messages');
      assert.equal(count.rows[0]?.n, 4);
    });
  });
}

suite('PGlite', () => createTestPglite());
suite('PostgreSQL', () => createTestPostgres(), await skipUnless('persisting repeated messages', 'postgres'));
