import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runMigrations, type SqlDatabase } from '@chat/platform';
import { createTestPostgres, skipUnless } from '@chat/platform/testing';
import { createAttachmentRepository } from '../src/attachments/attachment.repository.ts';
import { createMessageRepository } from '../src/messages/message.repository.ts';
import { createRoomRepository } from '../src/rooms/room.repository.ts';
import { createChatStats } from '../src/stats/stats.repository.ts';
import { createUserDirectory } from '../src/users/user-directory.ts';
import { type ExplainedQuery, explaining } from './query-plan.ts';

const skip = await skipUnless('chat query plans (EXPLAIN on seeded PostgreSQL)', 'postgres');

describe('chat hot queries use indexes on a seeded database', { skip }, () => {
  let db: SqlDatabase;
  before(async () => {
    db = await createTestPostgres();
    await runMigrations(db, 'chat', fileURLToPath(new URL('../migrations', import.meta.url)));
    // 20,000 users, 5,000 rooms of 10 members, 500,000 messages (100 per room).
    await db.exec(`
      insert into chat.users (id, nickname) select g, 'user' || g from generate_series(1, 20000) g;
      insert into chat.rooms (type, name, created_by, last_seq, member_count)
        select 'GROUP', 'room ' || g, 1, 100, 10 from generate_series(1, 5000) g;
      insert into chat.room_members (room_id, user_id, last_read_seq)
        select r, ((r * 7 + k) % 20000) + 1, 50 from generate_series(1, 5000) r, generate_series(0, 9) k
        on conflict do nothing;
      insert into chat.messages (room_id, seq, sender_id, message_key, content, type, created_at)
        select r, s, ((r * 7 + s % 10) % 20000) + 1, r || '-' || s, 'message ' || s, 'TEXT', now()
          from generate_series(1, 5000) r, generate_series(1, 100) s;
      analyze chat.users; analyze chat.rooms; analyze chat.room_members; analyze chat.messages;
    `);
  });
  after(async () => {
    await db?.close();
  });

  test('history, catch-up, room list, membership, persistence lookups: no sequential scans', async () => {
    const plans: ExplainedQuery[] = [];
    const x = explaining(db, plans);
    const messages = createMessageRepository(x);
    const rooms = createRoomRepository(x);
    const users = createUserDirectory(x, undefined);

    const page = await messages.page(2500, undefined, 20);
    assert.equal(page.rows.length, 20);
    await messages.page(2500, page.rows.at(-1)!.id, 20);
    await messages.afterSeq(2500, 40, 100);
    await messages.seqOf(2500, page.rows[0]!.id);
    await rooms.listForUser(page.rows[0]!.sender_id);
    await rooms.memberIds(2500);
    await rooms.detail(2500);
    await users.existing([1, 2, 3]);
    await messages.persistBatch([
      {
        roomId: 2500,
        senderId: 1,
        messageKey: '2500-1',
        content: 'dup',
        type: 'TEXT',
        acceptedAt: Date.now(),
      },
      {
        roomId: 2501,
        senderId: 9,
        messageKey: 'fresh-1',
        content: 'new',
        type: 'TEXT',
        acceptedAt: Date.now(),
      },
    ]);

    assert.ok(plans.length >= 10, `explained ${plans.length} queries`);
    const bad = plans.filter((p) => p.scans.length > 0).map(({ sql, scans }) => ({ sql, scans }));
    assert.deepEqual(bad, [], 'sequential scans on large tables');
  });

  test("statistics: a day's ids by the BRIN index on created_at, its chunks by the primary key", async () => {
    const plans: ExplainedQuery[] = [];
    const stats = createChatStats(explaining(db, plans));
    const day = { from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date().toISOString() };
    const ids = await stats.messageIdRange(day);
    assert.ok(ids && ids.lastId - ids.firstId + 1 >= 500_000, 'the seeded messages are today');
    const chunk = await stats.messageChunk({
      ...day,
      afterId: ids.firstId - 1,
      upToId: ids.lastId,
      limit: 1000,
    });
    assert.equal(chunk.scanned, 1000);
    assert.equal(plans.length, 2);
    const bad = plans.filter((p) => p.scans.length > 0).map(({ sql, scans }) => ({ sql, scans }));
    assert.deepEqual(bad, [], 'sequential scans on large tables');
  });

  test('attachment lookups, quota, claim and clean-up: no sequential scans', async () => {
    // 50,000 uploads by 20,000 users; 5,000 of them sent in messages, 1,000 with an expiry.
    await db.exec(`
      insert into chat.attachments (id, room_id, uploader_id, name, content_type, kind, size, stored, created_at,
                                    expires_at)
        select lpad(g::text, 22, 'a'), (g % 5000) + 1, (g % 20000) + 1, 'f' || g, 'image/jpeg', 'IMAGE', 1000, true,
               now() - (g || ' seconds')::interval, case when g % 50 = 0 then now() + interval '1 day' end
          from generate_series(1, 50000) g;
      update chat.messages set attachment = jsonb_build_object('id', lpad(((room_id - 1) * 10 + 1)::text, 22, 'a'))
       where seq = 1 and room_id <= 5000;
      analyze chat.attachments; analyze chat.messages;
    `);
    const plans: ExplainedQuery[] = [];
    const repo = createAttachmentRepository(explaining(db, plans));
    const id = `${'a'.repeat(21)}1`;
    assert.ok(await repo.byId(id));
    await repo.usedSince(7, new Date(Date.now() - 86_400_000));
    await repo.claim(id, '7:key');
    await repo.unsent(new Date(Date.now() - 3_600_000), 100, new Date(Date.now() - 86_400_000));
    await repo.expired(new Date(Date.now() + 2 * 86_400_000), 100);
    assert.equal(plans.length, 4, 'the four reads (updates are not explained)');
    const bad = plans.filter((p) => p.scans.length > 0).map(({ sql, scans }) => ({ sql, scans }));
    assert.deepEqual(bad, [], 'sequential scans on large tables');
  });
});
