import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createPgliteDatabase } from '../src/sql/pglite.ts';
import { createPostgresDatabase } from '../src/sql/postgres.ts';
import { createTestPglite, createTestPostgres, withAdminClient } from '../src/testing/adapters.ts';
import { skipUnless, testServiceUrls } from '../src/testing/services.ts';
import { sqlContract } from './contract/sql.contract.ts';

const skip = await skipUnless('sql/postgres', 'postgres');

sqlContract('pglite (worker thread)', () => createTestPglite({ inWorker: true }));
sqlContract('pglite (in-process)', () => createTestPglite({ inWorker: false }));
sqlContract('postgres', createTestPostgres, { skip });

for (const inWorker of [true, false]) {
  describe(`PGlite adapter (${inWorker ? 'worker thread' : 'in-process'})`, () => {
    const open = (dataDir?: string) => createPgliteDatabase({ dataDir, inWorker });

    it('keeps committed data across close and reopen of its data folder', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'pglite-'));
      try {
        const dataDir = join(dir, 'nested', 'pg');
        const first = await open(dataDir);
        await first.exec("create table kept (v text); insert into kept values ('남아 있음 ✅')");
        await first.close();
        const second = await open(dataDir);
        try {
          assert.deepEqual((await second.query('select v from kept')).rows, [{ v: '남아 있음 ✅' }]);
        } finally {
          await second.close();
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it('throws instead of deadlocking when the database is used inside its own transaction', async () => {
      const db = await createTestPglite({ inWorker });
      try {
        await assert.rejects(
          db.transaction(() => db.query('select 1')),
          /used inside its own transaction/,
        );
        assert.equal((await db.query('select 1 as one')).rowCount, 1);
      } finally {
        await db.close();
      }
    });

    it('refuses queries after close', async () => {
      const db = await createTestPglite({ inWorker });
      await db.close();
      await db.close();
      await assert.rejects(db.query('select 1'), /closed/);
      assert.equal((await db.health()).status, 'DOWN');
    });
  });
}

describe('PostgreSQL adapter', () => {
  it('fails fast with a one-line reason and no password', async () => {
    await assert.rejects(
      createPostgresDatabase({ url: 'postgres://app:s3cret@127.0.0.1:1/chat', connectTimeoutMs: 2000 }),
      (err: Error) => {
        assert.equal(err.message, 'cannot connect to PostgreSQL at 127.0.0.1:1: ECONNREFUSED');
        return true;
      },
    );
  });

  it('names a missing database', { skip }, async () => {
    const url = new URL(testServiceUrls.postgres);
    url.pathname = '/no_such_database_here';
    await assert.rejects(createPostgresDatabase({ url: url.toString() }), /database "no_such_database_here"/);
  });

  it('a transaction whose connection dies between statements fails; the process does not crash', {
    skip,
  }, async () => {
    const db = await createTestPostgres({ poolSize: 2 });
    try {
      // pg emits 'error' on a checked-out client whose server goes away while no query runs;
      // with no listener that is an uncaught exception (a chat node died so when PostgreSQL was
      // killed mid-transaction).
      await assert.rejects(
        db.transaction(async (tx) => {
          const [{ pid }] = (await tx.query<{ pid: number }>('select pg_backend_pid() as pid')).rows as [
            { pid: number },
          ];
          await withAdminClient((c) => c.query('select pg_terminate_backend($1)', [pid]));
          // The termination notice and the socket's end arrive while this transaction waits.
          await new Promise((resolve) => setTimeout(resolve, 200));
          await tx.query('select 1');
        }),
        /terminat|Connection/i,
      );
      // The dead connection left the pool: the next statements get working ones.
      for (let i = 0; i < 3; i++) assert.equal((await db.query('select 1 as one')).rows.length, 1);
      assert.equal((await db.health()).status, 'UP');
    } finally {
      await db.close();
    }
  });

  it('reports pool counts in health', { skip }, async () => {
    const db = await createTestPostgres({ poolSize: 3 });
    try {
      const health = await db.health();
      assert.equal(health.status, 'UP');
      assert.equal(health.details.adapter, 'postgres');
      assert.equal(typeof health.details.totalCount, 'number');
      assert.equal(typeof health.details.idleCount, 'number');
      assert.equal(health.details.waitingCount, 0);
    } finally {
      await db.close();
    }
  });
});
