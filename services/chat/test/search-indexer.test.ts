import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createLogger, runMigrations, type SqlDatabase } from '@chat/platform';
import { createTestPglite, createTestPostgres, skipUnless } from '@chat/platform/testing';
import { eventually } from '@chat/testing';
import { createMessageRepository } from '../src/messages/message.repository.ts';
import { createSearchIndexer, type SearchIndexerOptions } from '../src/search/search-indexer.ts';

const migrations = fileURLToPath(new URL('../migrations', import.meta.url));
const logger = createLogger({ level: 'silent' });

async function openChat(open: () => Promise<SqlDatabase>): Promise<SqlDatabase> {
  const db = await open();
  await runMigrations(db, 'chat', migrations);
  await db.exec(`
    insert into chat.users (id, nickname) values (1, '나');
    insert into chat.rooms (id, type, name, created_by) values (10, 'GROUP', '방', 1);
    insert into chat.room_members (room_id, user_id) values (10, 1);`);
  return db;
}

let key = 0;
/** Stores `n` messages as the persistence consumer does (each queued for the indexer). */
async function store(db: SqlDatabase, n: number): Promise<void> {
  const repo = createMessageRepository(db);
  for (let i = 0; i < n; i += 500) {
    const commands = Array.from({ length: Math.min(500, n - i) }, () => ({
      roomId: 10,
      senderId: 1,
      messageKey: `k${++key}`,
      content: `메시지 ${key} 오늘 회의`,
      type: 'TEXT' as const,
      acceptedAt: Date.now(),
    }));
    await repo.persistBatch(commands);
  }
}

const count = async (db: SqlDatabase, table: string) =>
  Number((await db.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0]!.n);

describe('search indexer: indexes when the process has room, waits while it is busy (PGlite)', () => {
  let db: SqlDatabase;
  before(async () => {
    db = await openChat(createTestPglite);
  });
  after(() => db?.close());

  /** An indexer whose backlog reports are counted; the process counts as busy until `quiet()`. */
  function busyIndexer(opts: Partial<SearchIndexerOptions>) {
    let reports = 0;
    let busy = true;
    const indexer = createSearchIndexer({
      db,
      logger,
      idleMs: 20,
      load: () => (busy ? 0.95 : 0.5),
      ...opts,
      onBacklog: () => {
        reports++;
      },
    });
    return {
      indexer,
      reports: () => reports,
      quiet: () => {
        busy = false;
      },
    };
  }

  test('while the process is busy it waits; once it has room it indexes everything', async () => {
    await store(db, 300);
    const { indexer, reports, quiet } = busyIndexer({ maxBacklog: 10_000 });
    try {
      indexer.start();
      // It looks at the backlog each time it decides to wait: five looks, nothing indexed.
      await eventually(async () => reports() >= 5);
      assert.equal(await count(db, 'chat.search_pending'), 300);
      assert.equal(await count(db, 'chat.message_search'), 0);
      quiet();
      await eventually(async () => (await count(db, 'chat.search_pending')) === 0);
      assert.equal(await count(db, 'chat.message_search'), 300);
    } finally {
      quiet();
      await indexer.stop();
    }
  });

  test('past maxBacklog pending messages it indexes even while busy, in short runs', async () => {
    await store(db, 250);
    // An ordinary run would go on until nothing is pending; a forced one takes one batch.
    const { indexer, reports, quiet } = busyIndexer({
      maxBacklog: 100,
      batchSize: 50,
      runMs: 60_000,
      forcedRunMs: 0,
    });
    try {
      indexer.start();
      // Busy all along: it works down to the bound, not below it (a look at the backlog comes
      // after each forced run, and three more find it under the bound).
      await eventually(async () => (await count(db, 'chat.search_pending')) < 100);
      const seen = reports();
      await eventually(async () => reports() >= seen + 3);
      assert.ok((await count(db, 'chat.search_pending')) > 0);
      assert.equal(
        await count(db, 'chat.message_search'),
        300 + 250 - (await count(db, 'chat.search_pending')),
      );
    } finally {
      quiet();
      await indexer.stop();
    }
  });

  test('stop() waits for the batch in progress and ends the loop', async () => {
    const indexer = createSearchIndexer({ db, logger, idleMs: 60_000 });
    indexer.start();
    await indexer.stop();
    await store(db, 10);
    const before = await count(db, 'chat.search_pending');
    assert.ok(before >= 10);
    // Stopped: nothing moves until someone drains.
    assert.equal(await indexer.drain(), before);
  });
});

describe('search indexers on several nodes share the queue (PostgreSQL)', {
  skip: await skipUnless('search indexer (PostgreSQL)', 'postgres'),
}, () => {
  let db: SqlDatabase;
  before(async () => {
    db = await openChat(createTestPostgres);
  });
  after(() => db?.close());

  test('three indexers draining at once index every message exactly once', async () => {
    await store(db, 3000);
    const nodes = [1, 2, 3].map(() => createSearchIndexer({ db, logger, batchSize: 50 }));
    const taken = await Promise.all(nodes.map((n) => n.drain()));
    assert.equal(
      taken.reduce((a, b) => a + b, 0),
      3000,
      `each pending message taken by one node (${taken.join(', ')})`,
    );
    assert.ok(taken.filter((n) => n > 0).length >= 2, `the work was shared (${taken.join(', ')})`);
    assert.equal(await count(db, 'chat.search_pending'), 0);
    assert.equal(await count(db, 'chat.message_search'), 3000);
  });

  test('an edit holding its message while a batch takes it: both finish, the new text is indexed', async () => {
    await store(db, 1);
    const { rows } = await db.query<{ id: number }>('select max(message_id) as id from chat.search_pending');
    const id = rows[0]!.id;
    let releaseEdit!: () => void;
    const editMayGoOn = new Promise<void>((resolve) => {
      releaseEdit = resolve;
    });
    // As an edit is applied: the message locked first, then updated (016's trigger queues it).
    const edit = db.transaction(async (tx) => {
      await tx.query('select id from chat.messages where id = $1 for update', [id]);
      await editMayGoOn;
      await tx.query("update chat.messages set content = '고친 글' where id = $1", [id]);
    });
    await eventually(async () => {
      const locked = await db.query(
        'select 1 from pg_locks l join pg_class c on c.oid = l.relation where c.relname = $1 and l.granted',
        ['messages'],
      );
      return (locked.rowCount ?? 0) > 0;
    });
    const batch = createSearchIndexer({ db, logger }).drain();
    // The batch took the queue row and waits for the message.
    await eventually(async () => {
      const waiting = await db.query(
        "select 1 from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
      );
      return (waiting.rowCount ?? 0) > 0;
    });
    releaseEdit();
    await edit;
    assert.equal(await batch, 1);
    const copy = await db.query<{ content: string }>(
      'select content from chat.message_search where message_id = $1',
      [id],
    );
    assert.deepEqual(copy.rows, [{ content: '고친 글' }]);
  });
});
