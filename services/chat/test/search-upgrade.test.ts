import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runMigrations, type SqlDatabase } from '@chat/platform';
import { createTestPglite } from '@chat/platform/testing';
import { createSearchRepository } from '../src/search/search.repository.ts';

const migrations = fileURLToPath(new URL('../migrations', import.meta.url));

/**
 * A database of the release before 012_search_pairs.sql (messages indexed by 002's n-grams)
 * upgrades: the pairs index on chat.message_search (016_search_indexer.sql) replaces the old
 * one on chat.messages, what was stored is indexed and found, and the old functions stay for
 * nodes still running that release.
 */
describe('message search index upgrade (002 -> 012 -> 016, PGlite)', () => {
  let db: SqlDatabase;
  let older: string;
  before(async () => {
    db = await createTestPglite();
    older = mkdtempSync(join(tmpdir(), 'chat-migrations-'));
    for (const name of readdirSync(migrations).filter((n) => n < '012')) {
      cpSync(join(migrations, name), join(older, name));
    }
    await runMigrations(db, 'chat', older);
    await db.exec(`
      insert into chat.users (id, nickname) values (1, '나');
      insert into chat.rooms (id, type, name, created_by) values (10, 'GROUP', '방', 1);
      insert into chat.room_members (room_id, user_id) values (10, 1);`);
    // Stored as that release stored them (today's persistence statement writes newer columns).
    await db.query(
      `insert into chat.messages (room_id, seq, sender_id, message_key, content, type, created_at)
       select 10, i, 1, 'k' || i, c, 'TEXT', now() from unnest($1::text[]) with ordinality as t(c, i)`,
      [['회의는 3시', '밥 먹자', "it's 100%"]],
    );
  });
  after(async () => {
    await db?.close();
    if (older) rmSync(older, { recursive: true, force: true });
  });

  test('after the upgrade: one search index, on the pairs; stored messages are found; old functions kept', async () => {
    assert.deepEqual(
      await runMigrations(db, 'chat', migrations),
      readdirSync(migrations)
        .filter((n) => n >= '012')
        .sort(),
    );
    const { rows: indexes } = await db.query<{ indexname: string; indexdef: string }>(
      `select indexname, indexdef from pg_indexes where schemaname = 'chat' and indexdef like '%gin%'`,
    );
    assert.deepEqual(
      indexes.map((i) => i.indexname),
      ['message_search_pairs_idx'],
    );
    assert.match(
      indexes[0]?.indexdef ?? '',
      /ON chat\.message_search USING gin \(array_to_tsvector\(chat\.search_pairs\(content\)\)\)/,
    );
    const { rows: copies } = await db.query<{ content: string }>(
      'select content from chat.message_search order by message_id',
    );
    assert.deepEqual(
      copies.map((c) => c.content),
      ['회의는 3시', '밥 먹자', "it's 100%"],
    );
    const repo = createSearchRepository(db);
    const found = async (text: string) =>
      (await repo.hits({ roomIds: [10], text, userId: 1, limit: 10 })).length;
    assert.equal(await found('회의'), 1);
    assert.equal(await found('밥'), 1);
    assert.equal(await found("'"), 1);
    assert.equal(await found('%'), 1);
    assert.equal(await found('없는'), 0);
    const { rows: fns } = await db.query<{ proname: string }>(
      `select proname from pg_proc where pronamespace = 'chat'::regnamespace and proname like 'search%' order by 1`,
    );
    assert.deepEqual(
      fns.map((f) => f.proname),
      [
        'search_grams',
        'search_pairs',
        'search_query',
        'search_query_grams',
        'search_queue_inserted',
        'search_queue_updated',
      ],
    );
  });

  test('a node of the previous release writing during a rolling upgrade: its messages, edits and unsends reach the index', async () => {
    const pending = async () =>
      (
        await db.query<{ message_id: number }>('select message_id from chat.search_pending order by 1')
      ).rows.map((r) => r.message_id);
    // Its persistence statement: a plain insert, nothing about search.
    const { rows } = await db.query<{ id: number }>(
      `insert into chat.messages (room_id, seq, sender_id, message_key, content, type, created_at)
       values (10, 4, 1, 'k4', '옛 노드의 글', 'TEXT', now()) returning id`,
    );
    const id = rows[0]!.id;
    assert.deepEqual(await pending(), [id], 'queued by the trigger');
    // Its edit of a message already indexed: queued again.
    const first = (await db.query<{ id: number }>("select id from chat.messages where message_key = 'k1'"))
      .rows[0]!.id;
    await db.query("update chat.messages set content = '회의는 4시', edited_at = now() where id = $1", [
      first,
    ]);
    assert.deepEqual(await pending(), [first, id]);
    // Its unsend: the copy of the text goes.
    const second = (await db.query<{ id: number }>("select id from chat.messages where message_key = 'k2'"))
      .rows[0]!.id;
    await db.query("update chat.messages set content = '', deleted_at = now() where id = $1", [second]);
    const copies = await db.query('select 1 from chat.message_search where message_id = $1', [second]);
    assert.equal(copies.rowCount, 0);
    // A reaction (another column) queues nothing.
    await db.query(`update chat.messages set reactions = '{"LIKE": 1}' where id = $1`, [id]);
    assert.deepEqual(await pending(), [first, id]);
  });
});
