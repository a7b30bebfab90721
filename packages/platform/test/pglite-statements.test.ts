import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SqlDatabase } from '../src/ports/sql.ts';
import { createTestPglite } from '../src/testing/adapters.ts';

// PGlite statements are parsed once by name and run with a plan each time
// (src/sql/pglite-statements.ts): the same answers as a fresh parse, whatever happens between.

describe('PGlite statements parsed once', () => {
  let db!: SqlDatabase;
  before(async () => {
    db = await createTestPglite();
    await db.exec(`create table notes (id int8 primary key, body text, tags text[], meta jsonb, data bytea);
      insert into notes values (1, 'first', '{a,b}', '{"x":1}', '\\x00ff'), (2, null, null, null, null);`);
  });
  after(() => db?.close());

  const byId = 'select id, body, tags, meta, data from notes where id = $1';

  it('answers each run for its own parameters, nulls and arrays included', async () => {
    const one = (await db.query(byId, [1])).rows[0];
    assert.deepEqual(one, {
      id: 1,
      body: 'first',
      tags: ['a', 'b'],
      meta: { x: 1 },
      data: new Uint8Array([0, 255]),
    });
    const two = (await db.query(byId, [2])).rows[0];
    assert.deepEqual(two, { id: 2, body: null, tags: null, meta: null, data: null });
    assert.deepEqual((await db.query(byId, [3])).rows, []);
    const many = await db.query<{ id: number }>(
      'select id from notes where id = any($1::int8[]) order by id',
      [[2, 1]],
    );
    assert.deepEqual(
      many.rows.map((r) => r.id),
      [1, 2],
    );
  });

  it('reports a failure with its SQLSTATE and the statement, and the next run works', async () => {
    const insert = 'insert into notes (id, body) values ($1, $2)';
    await db.query(insert, [3, 'third']);
    await assert.rejects(db.query(insert, [3, 'again']), (err: { code?: string; query?: string }) => {
      assert.equal(err.code, '23505');
      assert.equal(err.query, insert);
      return true;
    });
    const res = await db.query(insert, [4, 'fourth']);
    assert.equal(res.rowCount, 1);
    await assert.rejects(db.query('selec id from notes where id = $1', [1]), { code: '42601' });
    assert.equal((await db.query<{ body: string }>(byId, [4])).rows[0]?.body, 'fourth');
  });

  it('follows a table that changed shape after its statement was parsed', async () => {
    await db.exec('create table shapes (id int8 primary key); insert into shapes values (1);');
    const all = 'select * from shapes where id = $1';
    assert.deepEqual((await db.query(all, [1])).rows, [{ id: 1 }]);
    await db.exec("alter table shapes add column label text not null default 'one'");
    assert.deepEqual((await db.query(all, [1])).rows, [{ id: 1, label: 'one' }]);
  });

  it('keeps answering past the number of statements it holds parsed', async () => {
    for (let i = 0; i < 250; i++) {
      const res = await db.query<{ n: number }>(`select $1::int8 + ${i} as n`, [1]);
      assert.equal(res.rows[0]?.n, 1 + i);
    }
    // The first ones were closed to make room: parsed again.
    assert.equal((await db.query<{ n: number }>('select $1::int8 + 0 as n', [5])).rows[0]?.n, 5);
  });

  it('plans every run for its parameters (a plan kept from an empty table would stay a scan)', async () => {
    assert.equal(
      (await db.query<{ plan_cache_mode: string }>('show plan_cache_mode')).rows[0]?.plan_cache_mode,
      'force_custom_plan',
    );
  });
});
