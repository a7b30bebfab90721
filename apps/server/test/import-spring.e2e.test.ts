// import-spring from a PostgreSQL database with the original Spring schema into an embedded
// DATA_DIR, as an operator runs it: killed mid-way and run again, it ends with every row once;
// people log in with their old passwords and see their rooms and history in the original order.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createPgliteDatabase, type SqlDatabase } from '@chat/platform';
import { createTestPostgres, seedEmbeddedDataDir, skipUnless } from '@chat/platform/testing';
import { createApi, login, spawnServer, startTestServer } from '@chat/testing';
import { seedSpringSource } from '../src/import-spring/seed-source.ts';

const skip = await skipUnless('import-spring from PostgreSQL', 'postgres');
/** 'spring-pass-1' as Spring's BCryptPasswordEncoder stores it. */
const SPRING_HASH = '$2a$10$ppC7itTIpa6rXE0kqZ5a5.Pg4CHpL0E0Kd05ZvBsuMn8gxi376Cei';
const SECRET = 'import-test-secret-0123456789-0123456789';

describe('import-spring into an embedded DATA_DIR', { skip }, () => {
  let source: SqlDatabase & { url: string };
  let dataDir: string;
  before(async () => {
    source = await createTestPostgres();
    await seedSpringSource(source, {
      users: 40,
      rooms: 20,
      messages: 6000,
      passwordHash: SPRING_HASH,
      oddities: true,
    });
    dataDir = mkdtempSync(join(tmpdir(), 'chat-import-'));
    await seedEmbeddedDataDir(dataDir);
  });
  after(async () => {
    await source?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const run = (...args: string[]) =>
    spawnServer({ DATA_DIR: dataDir, JWT_SECRET: SECRET }, [
      'import-spring',
      '--source',
      source.url,
      ...args,
    ]);

  test('a source without the original schema is refused in one line naming what is missing', async () => {
    await source.exec('alter table chat_room_members rename column last_read_message_id to last_read');
    try {
      const refused = run();
      assert.equal(await refused.exited, 1);
      assert.equal(
        refused.stderr().trim(),
        'cannot start: the source is not the original Spring schema: missing column chat_room_members.last_read_message_id (see docs/spring-compat.md)',
      );
    } finally {
      await source.exec('alter table chat_room_members rename column last_read to last_read_message_id');
    }
  });

  test('a dry run counts and names what would be noted, and writes nothing', async () => {
    const dry = run('--dry-run');
    assert.equal(await dry.exited, 0, dry.stderr());
    assert.match(dry.stdout(), /^dry run: nothing written$/m);
    assert.match(dry.stdout(), /source: 41 users, 22 rooms, 109 members, 6004 messages/);
    assert.match(dry.stdout(), /would note: 1 × email already taken/);
    assert.match(dry.stdout(), /would note: 1 × no members that were imported/);
    assert.match(dry.stdout(), /would note: 1 × a 1:1 room without exactly two members/);
    assert.match(dry.stdout(), /would note: 1 × messages of a user not imported/);
  });

  test('killed mid-way and run again: every row once, logins with the old password, history in order', async () => {
    // Small chunks, so the run is still copying messages when it is killed.
    const first = run('--chunk', '2');
    await new Promise<void>((resolve, reject) => {
      first.child.stderr?.on('data', () => {
        if (first.stderr().includes('messages ')) resolve();
      });
      void first.exited.then(() =>
        reject(new Error(`finished before it could be killed: ${first.stdout()}`)),
      );
    });
    first.child.kill('SIGKILL');
    assert.equal(await first.exited, 'SIGKILL');

    const second = run();
    assert.equal(await second.exited, 0, second.stderr());
    assert.match(second.stdout(), /this run: 0 users, 0 rooms, 0 members, \d+ messages/);
    const third = run();
    assert.equal(await third.exited, 0, third.stderr());
    assert.match(
      third.stdout(),
      /this run: 0 users, 0 rooms, 0 members, 0 messages, 0 read marks/,
      'a re-run adds nothing',
    );

    // Added to the source since: a person who joins an existing group and writes in it.
    await source.query(
      `insert into users (email, password, nickname) values ('late@example.com', $1, '늦게 온 사람')`,
      [SPRING_HASH],
    );
    await source.exec(`
      insert into chat_room_members (room_id, user_id)
        values (20, (select id from users where email = 'late@example.com'));
      insert into messages (message_key, room_id, sender_id, content)
        select md5('late' || i)::uuid, 20, (select id from users where email = 'late@example.com'), '늦었어요 ' || i
          from generate_series(1, 3) i;
    `);
    const fourth = run();
    assert.equal(await fourth.exited, 0, fourth.stderr());
    assert.match(
      fourth.stdout(),
      /this run: 1 users, 0 rooms, 1 members, 3 messages/,
      'what was added since comes over',
    );

    // Every message of an imported room once (the one of a room without members is noted).
    const db = await createPgliteDatabase({ dataDir: join(dataDir, 'pg') });
    try {
      const { rows } = await db.query<{ n: number; distinct_keys: number }>(
        'select count(*)::int as n, count(distinct message_key)::int as distinct_keys from chat.messages',
      );
      assert.deepEqual(rows[0], { n: 6007, distinct_keys: 6007 });
      const gaps = await db.query(
        'select room_id from chat.messages group by room_id having max(seq) <> count(*) or min(seq) <> 1',
      );
      assert.equal(gaps.rows.length, 0, 'every room numbered 1..n without gaps');
    } finally {
      await db.close();
    }

    const server = await startTestServer({ dataDir, env: { JWT_SECRET: SECRET } });
    try {
      // User 8 and user 9 are the members of the source's room 1, a 1:1.
      const user8 = await login(server.api, 'user8@example.com', 'spring-pass-1');
      assert.equal(user8.nickname, '사용자8');
      const rooms = (await server.api.get('/api/rooms', { token: user8.token })).body as {
        id: number;
        type: string;
        unreadCount: number;
      }[];
      assert.ok(rooms.length > 0);
      // Room 1 of the source: its messages in the original order, with the odd ones sent to it
      // last (a deleted user's, an IMAGE and a SYSTEM message, kept as text).
      const { rows: expected } = await source.query<{ content: string }>(
        'select content from messages where room_id = 1 order by id',
      );
      const direct = rooms.find((r) => r.type === 'DIRECT')!;
      const history: string[] = [];
      for (let cursor: number | undefined; ; ) {
        const page = (
          await server.api.get(
            `/api/rooms/${direct.id}/messages?size=100${cursor ? `&cursor=${cursor}` : ''}`,
            {
              token: user8.token,
            },
          )
        ).body as { messages: { id: number; content: string }[]; hasMore: boolean };
        history.unshift(...page.messages.map((m) => m.content).reverse());
        if (!page.hasMore) break;
        cursor = page.messages.at(-1)!.id;
      }
      assert.deepEqual(
        history,
        expected.map((m) => m.content),
      );
      assert.ok(
        direct.unreadCount >= 0 && direct.unreadCount < 5,
        `read marks carried (unread ${direct.unreadCount})`,
      );
      const dup = await createApi(server.url).post('/api/auth/login', {
        email: 'USER1@example.com',
        password: 'spring-pass-1',
      });
      assert.equal(dup.status, 200, 'the case twin is the same email here: the first account logs in');
    } finally {
      await server.stop();
    }
  });
});

describe('import-spring into PostgreSQL (DATABASE_URL)', { skip }, () => {
  test('the same rows land in the services schemas of the target database, once', async () => {
    const source = await createTestPostgres();
    const target = await createTestPostgres();
    try {
      await seedSpringSource(source, { users: 12, rooms: 6, messages: 500, passwordHash: SPRING_HASH });
      const env = { DATABASE_URL: target.url, JWT_SECRET: SECRET };
      for (let i = 0; i < 2; i++) {
        const imported = spawnServer(env, ['import-spring', '--source', source.url]);
        assert.equal(await imported.exited, 0, imported.stderr());
      }
      const { rows } = await target.query<{
        users: number;
        credentials: number;
        rooms: number;
        messages: number;
      }>(
        `select (select count(*)::int from users.users where email like 'user%@example.com') as users,
                (select count(*)::int from auth.credentials c join users.users u on u.id = c.user_id
                  where u.email like 'user%@example.com') as credentials,
                (select count(*)::int from chat.rooms) as rooms,
                (select count(*)::int from chat.messages) as messages`,
      );
      assert.deepEqual(rows[0], { users: 12, credentials: 12, rooms: 6, messages: 500 });
    } finally {
      await source.close();
      await target.close();
    }
  });
});
