import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import type { SqlDatabase } from '../src/ports/sql.ts';
import { startEmbeddedUpkeep } from '../src/sql/embedded-upkeep.ts';
import { createTestPglite } from '../src/testing/adapters.ts';
import { uniqueName } from '../src/testing/services.ts';
import { eventually } from './contract/log-probe.ts';

describe('embedded database upkeep (PGlite has no autovacuum)', () => {
  let db!: SqlDatabase;
  before(async () => {
    db = await createTestPglite();
  });
  after(async () => {
    await db?.close();
  });

  it('refreshes the planner statistics on its interval', async () => {
    const table = uniqueName('upkeep');
    await db.exec(`create table ${table} (id int, word text)`);
    await db.query(`insert into ${table} select i, 'w' || (i % 7) from generate_series(1, 500) i`);
    const stats = async () =>
      Number(
        (await db.query<{ n: string }>('select count(*) as n from pg_stats where tablename = $1', [table]))
          .rows[0]?.n,
      );
    assert.equal(await stats(), 0, 'nothing analyzed it yet');
    const upkeep = startEmbeddedUpkeep(db, pino({ level: 'silent' }), 20);
    try {
      await eventually('analyzed', async () => ((await stats()) === 2 ? true : undefined));
      const { rows } = await db.query<{ n_distinct: number }>(
        "select n_distinct from pg_stats where tablename = $1 and attname = 'word'",
        [table],
      );
      assert.equal(rows[0]?.n_distinct, 7, 'the planner now knows the column');
    } finally {
      await upkeep.close();
      await db.exec(`drop table ${table}`);
    }
  });
});
