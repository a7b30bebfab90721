import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runMigrations, type SqlDatabase } from '@chat/platform';
import { createTestPglite, createTestPostgres, skipUnless } from '@chat/platform/testing';
import { USER_SQL } from '../user/user.queries.ts';
import { createUserRepository } from '../user/user.repository.ts';
import { SEARCH_SQL } from './search.queries.ts';
import { createSearchRepository, escapeLike } from './search.repository.ts';

const migrations = fileURLToPath(new URL('../../migrations', import.meta.url));

async function seed(db: SqlDatabase) {
  const repo = createUserRepository(db);
  const users: Record<string, number> = {};
  for (const [email, nickname] of [
    ['kim.minsu@example.com', 'Kim Minsu'],
    ['KIMJI@example.com', '김지수'],
    ['lee@example.com', 'kimchi lover'],
    ['percent@example.com', '100%_real'],
    ['plain@example.com', '100abc'],
    ['under_score@example.com', 'under'],
    ['underXscore@example.com', 'other'],
    ['suspended@example.com', 'kim suspended'],
    ['self@example.com', 'kim self'],
  ] as const) {
    users[email] = (await repo.insert({ email, nickname, role: 'ROLE_USER' }))!.id;
  }
  await repo.setStatus(users['suspended@example.com']!, 'SUSPENDED');
  return users;
}

describe('people search (PGlite)', () => {
  let db: SqlDatabase;
  let users: Record<string, number>;
  let search: ReturnType<typeof createSearchRepository>;
  before(async () => {
    db = await createTestPglite();
    await runMigrations(db, 'users', migrations);
    users = await seed(db);
    search = createSearchRepository(db);
  });
  after(() => db.close());
  const names = async (query: string, limit = 20, exclude = 0) =>
    (await search.find(query, limit, exclude)).map((r) => r.nickname);

  test('escapeLike', () => {
    assert.equal(escapeLike('a%b_c\\d'), 'a\\%b\\_c\\\\d');
  });

  test('nickname prefix, case-insensitive', async () => {
    assert.deepEqual(await names('KIM'), ['Kim Minsu', 'kim self', 'kimchi lover']);
    assert.deepEqual(await names('김'), ['김지수']);
  });

  test('email matches only as the whole address (any case); a prefix of it finds nobody', async () => {
    assert.deepEqual(await names('kim.'), []);
    assert.deepEqual(await names('kimji@'), []);
    assert.deepEqual(await names('lee@example.co'), []);
    assert.deepEqual(await names('LEE@Example.com'), ['kimchi lover']);
    assert.deepEqual(await names('kimji@example.com'), ['김지수']);
    assert.deepEqual(await names('under_score@example.com'), ['under'], '_ is literal in the address');
    assert.deepEqual(await names('under%score@example.com'), []);
  });

  test('% and _ are literal', async () => {
    assert.deepEqual(await names('100%'), ['100%_real']);
    assert.deepEqual(await names('100%_'), ['100%_real']);
    assert.deepEqual(await names('under_'), [], 'not `underXscore`, and no email prefix match');
    assert.deepEqual(await names('%'), []);
    assert.deepEqual(await names('_'), []);
  });

  test('suspended users and the caller are left out; the limit holds', async () => {
    assert.ok(!(await names('kim')).includes('kim suspended'));
    assert.ok(!(await names('kim', 20, users['self@example.com'])).includes('kim self'));
    assert.equal((await names('kim', 2)).length, 2);
  });
});

describe('people search and login lookup use indexes (PostgreSQL)', async () => {
  const skip = await skipUnless('users search EXPLAIN', 'postgres');
  let db: SqlDatabase;
  before(async () => {
    if (skip) return;
    db = await createTestPostgres();
    await runMigrations(db, 'users', migrations);
    await db.exec(`insert into users.users (email, nickname)
      select 'user' || g || '@example.com', (array['김','Kim','Lee','박','Park'])[1 + g % 5] || g
      from generate_series(1, 100000) g;
      analyze users.users;`);
  });
  after(() => db?.close());

  const plan = async (text: string, params: unknown[]) =>
    (await db.query<{ 'QUERY PLAN': string }>(`explain ${text}`, params)).rows
      .map((r) => r['QUERY PLAN'])
      .join('\n');

  test('search walks both indexes, never the whole table', { skip }, async () => {
    for (const query of ['k', 'kim1', '김', 'user12', 'user12@example.com']) {
      const text = await plan(SEARCH_SQL.find, [`${escapeLike(query)}%`, 20, 0, query]);
      assert.match(text, /Index Scan using users_nickname_lower_idx/, text);
      assert.match(text, /Index Scan using users_email_lower_key/, text);
      assert.doesNotMatch(text, /Seq Scan/, text);
    }
  });

  test('login lookup by email uses the unique index', { skip }, async () => {
    const text = await plan(USER_SQL.findByEmail, ['User5@Example.com']);
    assert.match(text, /Index Scan using users_email_lower_key/, text);
    const repo = createUserRepository(db);
    assert.equal((await repo.findByEmail('USER5@example.com'))?.email, 'user5@example.com');
  });

  test('email uniqueness is case-insensitive, also under concurrent inserts', { skip }, async () => {
    const repo = createUserRepository(db);
    const results = await Promise.all(
      ['Race@Example.com', 'race@example.com', 'RACE@EXAMPLE.COM', 'race@EXAMPLE.com'].map((email) =>
        repo.insert({ email, nickname: 'r', role: 'ROLE_USER' }),
      ),
    );
    assert.equal(results.filter(Boolean).length, 1);
  });
});
