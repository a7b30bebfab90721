import assert from 'node:assert/strict';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { SqlDatabase } from '../../src/ports/sql.ts';
import { runMigrations } from '../../src/sql/migrate.ts';
import { uniqueName } from '../../src/testing/services.ts';

export interface ContractOptions {
  /** `false` to run, or the reason to skip (from `skipUnless`). */
  skip?: false | string;
}

const migrations = fileURLToPath(new URL('../fixtures/migrations/', import.meta.url));
const BASIC = join(migrations, 'basic');
const BROKEN = join(migrations, 'broken');

/** Lets other callers take their turn (the event loop goes round a few times). */
async function yieldTurns(n = 5): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** Behaviour every SqlDatabase adapter must have. */
export function sqlContract(
  name: string,
  make: () => Promise<SqlDatabase>,
  opts: ContractOptions = {},
): void {
  describe(`SqlDatabase contract: ${name}`, { skip: opts.skip }, () => {
    let db!: SqlDatabase;
    const table = async (columns: string): Promise<string> => {
      const t = uniqueName('t');
      await db.exec(`create table ${t} (id bigserial primary key, ${columns})`);
      return t;
    };
    before(async () => {
      db = await make();
    });
    after(async () => {
      await db?.close();
    });

    describe('queries', () => {
      it('binds parameters instead of interpolating them', async () => {
        const evil = "x'); drop table pg_class; --";
        const { rows } = await db.query<{ v: string; n: number }>('select $1::text as v, $2::int as n', [
          evil,
          7,
        ]);
        assert.deepEqual(rows, [{ v: evil, n: 7 }]);
      });

      it('returns int8 as number, numeric as string', async () => {
        const { rows } = await db.query(
          'select 42::int8 as big, count(*) as cnt, 1.50::numeric as num, array[1, 2]::int8[] as arr from (values (1), (2)) v(x)',
        );
        assert.deepEqual(rows, [{ big: 42, cnt: 2, num: '1.50', arr: [1, 2] }]);
      });

      it('returns timestamptz as Date and round-trips a Date parameter', async () => {
        const at = new Date('2024-02-29T23:59:58.123Z');
        const { rows } = await db.query<{ t: Date; now: Date }>('select $1::timestamptz as t, now() as now', [
          at,
        ]);
        const row = rows[0]!;
        assert.ok(row.t instanceof Date && row.now instanceof Date);
        assert.equal(row.t.getTime(), at.getTime());
      });

      it('round-trips Korean and emoji text byte for byte', async () => {
        const t = await table('body text not null');
        const texts = [
          '안녕하세요, 반가워요! 👋🏽',
          '한글'.normalize('NFD'),
          '👨‍👩‍👧‍👦 family, 🇰🇷 flag, e\u0301 combining',
          "tab\there\nnew line \\ backslash 'quote'",
        ];
        for (const text of texts) await db.query(`insert into ${t} (body) values ($1)`, [text]);
        const { rows } = await db.query<{ body: string; bytes: number }>(
          `select body, octet_length(body) as bytes from ${t} order by id`,
        );
        assert.deepEqual(
          rows.map((r) => r.body),
          texts,
        );
        assert.deepEqual(
          rows.map((r) => r.bytes),
          texts.map((s) => Buffer.byteLength(s, 'utf8')),
        );
      });

      it('round-trips bytea byte for byte, alone and in arrays, as Uint8Array', async () => {
        const every = Uint8Array.from({ length: 256 }, (_, i) => i);
        const values = [every, new Uint8Array(0), new TextEncoder().encode('{"a":"\\"} 한글 \\x00')];
        const { rows } = await db.query<{ one: Uint8Array; many: Uint8Array[]; n: number; hex: string }>(
          `select $1::bytea as one, $2::bytea[] as many, octet_length($1::bytea) as n,
                  encode($1::bytea, 'hex') as hex`,
          [every, values],
        );
        const [row] = rows;
        assert.ok(row?.one instanceof Uint8Array);
        assert.deepEqual([...row.one], [...every]);
        assert.deepEqual(
          row.many.map((v) => [...v]),
          values.map((v) => [...v]),
        );
        assert.equal(row.n, 256);
        assert.equal(row.hex, Buffer.from(every).toString('hex'));
        const t = await table('v bytea[] not null');
        await db.query(`insert into ${t} (v) select array_agg(x) from unnest($1::bytea[]) as x`, [values]);
        const stored = await db.query<{ v: Uint8Array[] }>(`select v from ${t}`);
        assert.deepEqual(
          stored.rows[0]?.v.map((v) => [...v]),
          values.map((v) => [...v]),
        );
      });

      it('parses json and jsonb, and nulls and booleans', async () => {
        const doc = { a: 1, 한: ['글', true], nested: { x: null } };
        const { rows } = await db.query('select $1::jsonb as j, $1::json as k, null::text as n, true as b', [
          JSON.stringify(doc),
        ]);
        assert.deepEqual(rows, [{ j: doc, k: doc, n: null, b: true }]);
      });

      it('reports rowCount for insert, update, delete and select', async () => {
        const t = await table('v int');
        assert.equal((await db.query(`insert into ${t} (v) values (1), (2), (3)`)).rowCount, 3);
        assert.equal((await db.query(`update ${t} set v = v + 1 where v >= $1`, [2])).rowCount, 2);
        assert.equal((await db.query(`select * from ${t}`)).rowCount, 3);
        assert.equal((await db.query(`delete from ${t} where v = $1`, [1])).rowCount, 1);
        const returning = await db.query<{ id: number }>(`insert into ${t} (v) values (9) returning id`);
        assert.equal(returning.rowCount, 1);
        assert.equal(typeof returning.rows[0]!.id, 'number');
      });

      it('rejects a unique violation with SQLSTATE 23505', async () => {
        const t = await table('k text unique');
        await db.query(`insert into ${t} (k) values ($1)`, ['a']);
        await assert.rejects(db.query(`insert into ${t} (k) values ($1)`, ['a']), { code: '23505' });
        assert.equal((await db.query('select 1 as one')).rows.length, 1);
      });

      it('runs one statement in query() and several in exec()', async () => {
        await assert.rejects(db.query('select 1; select 2'));
        const t = uniqueName('t');
        await db.exec(
          `create table ${t} (v text); insert into ${t} values ('a; b'); insert into ${t} values ('c');`,
        );
        assert.equal((await db.query(`select * from ${t}`)).rowCount, 2);
      });
    });

    describe('transactions', () => {
      it('commits when fn resolves and returns its value', async () => {
        const t = await table('v text');
        const result = await db.transaction(async (tx) => {
          await tx.query(`insert into ${t} (v) values ($1)`, ['a']);
          await tx.exec(`insert into ${t} (v) values ('b'); insert into ${t} (v) values ('c')`);
          return (await tx.query(`select count(*) as n from ${t}`)).rows[0];
        });
        assert.deepEqual(result, { n: 3 });
        assert.equal((await db.query(`select * from ${t}`)).rowCount, 3);
      });

      it('rolls back when fn throws, rejecting with the same error', async () => {
        const t = await table('v text');
        const boom = new Error('boom');
        await assert.rejects(
          db.transaction(async (tx) => {
            await tx.query(`insert into ${t} (v) values ($1)`, ['a']);
            throw boom;
          }),
          (err) => err === boom,
        );
        assert.equal((await db.query(`select * from ${t}`)).rowCount, 0);
      });

      it('rejects when a statement failed even though fn caught the error', async () => {
        const t = await table('k text unique');
        await assert.rejects(
          db.transaction(async (tx) => {
            await tx.query(`insert into ${t} (k) values ('a')`);
            await tx.query(`insert into ${t} (k) values ('a')`).catch(() => undefined);
          }),
        );
        assert.equal((await db.query(`select * from ${t}`)).rowCount, 0);
      });

      it('keeps concurrent transactions and plain queries apart', async () => {
        const t = await table('v text');
        const failing = db.transaction(async (tx) => {
          await tx.query(`insert into ${t} (v) values ('rolled back')`);
          await yieldTurns();
          throw new Error('boom');
        });
        const committing = db.transaction(async (tx) => {
          await tx.query(`insert into ${t} (v) values ('a1')`);
          await yieldTurns();
          await tx.query(`insert into ${t} (v) values ('a2')`);
        });
        const plain = db.query(`insert into ${t} (v) values ('q1')`);
        const results = await Promise.allSettled([failing, committing, plain]);
        assert.deepEqual(
          results.map((r) => r.status),
          ['rejected', 'fulfilled', 'fulfilled'],
        );
        const { rows } = await db.query<{ v: string }>(`select v from ${t} order by v`);
        assert.deepEqual(
          rows.map((r) => r.v),
          ['a1', 'a2', 'q1'],
        );
      });

      it('loses no update when transactions read-modify-write the same row', async () => {
        const t = await table('n int not null');
        await db.query(`insert into ${t} (id, n) values (1, 0)`);
        await Promise.all(
          Array.from({ length: 8 }, () =>
            db.transaction(async (tx) => {
              const { rows } = await tx.query<{ n: number }>(`select n from ${t} where id = 1 for update`);
              await yieldTurns(2);
              await tx.query(`update ${t} set n = $1 where id = 1`, [rows[0]!.n + 1]);
            }),
          ),
        );
        assert.deepEqual((await db.query(`select n from ${t}`)).rows, [{ n: 8 }]);
      });

      it('refuses the executor once the transaction is over', async () => {
        let leaked: { query(text: string): Promise<unknown> } | undefined;
        await db.transaction(async (tx) => {
          leaked = tx;
        });
        await assert.rejects(leaked!.query('select 1'), /transaction already finished/);
      });

      it('keeps statements fn starts at once inside the transaction', async () => {
        const t = await table('v text');
        await assert.rejects(
          db.transaction(async (tx) => {
            await Promise.all([
              tx.query(`insert into ${t} (v) values ('a')`),
              tx.query(`insert into ${t} (v) values ('b')`),
              tx.exec(`insert into ${t} (v) values ('c')`),
            ]);
            throw new Error('boom');
          }),
          /boom/,
        );
        assert.equal((await db.query(`select * from ${t}`)).rowCount, 0);
        assert.equal(await db.transaction(async () => 'no statement'), 'no statement');
      });

      it('recovers to a savepoint taken by the first statement', async () => {
        const t = await table('k text unique');
        await db.transaction(async (tx) => {
          await assert.rejects(
            tx.exec(`savepoint s; insert into ${t} (k) values ('a'); insert into ${t} (k) values ('a')`),
            { code: '23505' },
          );
          await tx.query('rollback to savepoint s');
          await tx.query(`insert into ${t} (k) values ('b')`);
        });
        const { rows } = await db.query<{ k: string }>(`select k from ${t}`);
        assert.deepEqual(rows, [{ k: 'b' }]);
      });

      it('leaves the next transaction alone when a commit fails', async () => {
        const t = await table('k text');
        await db.exec(`alter table ${t} add constraint ${t}_k unique (k) deferrable initially deferred`);
        const failing = db.transaction(async (tx) => {
          await tx.query(`insert into ${t} (k) values ('a'), ('a')`);
        });
        const next = db.transaction(async (tx) => {
          await tx.query(`insert into ${t} (k) values ('next')`);
        });
        const results = await Promise.allSettled([failing, next]);
        assert.deepEqual(
          results.map((r) => r.status),
          ['rejected', 'fulfilled'],
        );
        assert.equal((results[0] as PromiseRejectedResult).reason.code, '23505');
        const { rows } = await db.query<{ k: string }>(`select k from ${t}`);
        assert.deepEqual(rows, [{ k: 'next' }]);
      });
    });

    describe('migrations', () => {
      it('applies files in name order once, into the schema, and is idempotent', async () => {
        const schema = uniqueName('m');
        assert.deepEqual(await runMigrations(db, schema, BASIC), ['001_init.sql', '002_topics.sql']);
        assert.deepEqual(await runMigrations(db, schema, BASIC), []);
        const { rows } = await db.query<{ name: string; topic: string | null }>(
          `select name, topic from ${schema}.rooms`,
        );
        assert.deepEqual(rows, [{ name: '일반 대화방 🎉; with a semicolon', topic: null }]);
        const applied = await db.query<{ name: string; applied_at: Date }>(
          `select name, applied_at from ${schema}.schema_migrations order by name`,
        );
        assert.deepEqual(
          applied.rows.map((r) => r.name),
          ['001_init.sql', '002_topics.sql'],
        );
        assert.ok(applied.rows[0]!.applied_at instanceof Date);
      });

      it('applies each file exactly once when nodes migrate concurrently', async () => {
        const schema = uniqueName('m');
        const results = await Promise.all([1, 2, 3].map(() => runMigrations(db, schema, BASIC)));
        assert.deepEqual(results.flat().sort(), ['001_init.sql', '002_topics.sql']);
        assert.equal((await db.query(`select * from ${schema}.rooms`)).rowCount, 1);
      });

      it('rolls back a failing file, keeps the ones before it, names it in the error', async () => {
        const schema = uniqueName('m');
        await assert.rejects(runMigrations(db, schema, BROKEN), /migration m_\w+\/002_fails\.sql failed/);
        const { rows } = await db.query(`select name from ${schema}.schema_migrations`);
        assert.deepEqual(rows, [{ name: '001_ok.sql' }]);
        const tables = await db.query<{ table_name: string }>(
          'select table_name from information_schema.tables where table_schema = $1 order by table_name',
          [schema],
        );
        assert.deepEqual(
          tables.rows.map((r) => r.table_name),
          ['first_table', 'schema_migrations'],
        );
      });

      it('does not re-run a file changed after it was applied, and reports it', async () => {
        const schema = uniqueName('m');
        const dir = await mkdtemp(join(tmpdir(), 'migrations-'));
        try {
          await cp(BASIC, dir, { recursive: true });
          await runMigrations(db, schema, dir);
          await writeFile(join(dir, '001_init.sql'), 'select 1/0;');
          const changed: string[] = [];
          const applied = await runMigrations(db, schema, dir, { onChanged: (n) => changed.push(n) });
          assert.deepEqual(applied, []);
          assert.deepEqual(changed, ['001_init.sql']);
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      });
    });

    it('reports health UP with its adapter name', async () => {
      const health = await db.health();
      assert.equal(health.status, 'UP');
      assert.equal(health.details.adapter, db.adapter);
    });
  });
}
