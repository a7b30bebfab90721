import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { MessageType } from '@chat/contracts';
import { createLogger, runMigrations, type SqlDatabase } from '@chat/platform';
import { createTestPglite, createTestPostgres, skipUnless } from '@chat/platform/testing';
import { MESSAGE_CHANGE_SQL } from '../messages/message.queries.ts';
import { createMessageRepository } from '../messages/message.repository.ts';
import { SEARCH_SQL } from './search.queries.ts';
import { createSearchRepository, type HitRow } from './search.repository.ts';
import { createMessageSearch } from './search.service.ts';
import { createSearchIndexer } from './search-indexer.ts';

const migrations = fileURLToPath(new URL('../../migrations', import.meta.url));

/** Users: me (1), a friend (2), a stranger (3). Rooms: mine (10, 11), the stranger's (12). */
const ME = 1;
const NO_CURSOR = '9223372036854775807';
const FRIEND = 2;
const STRANGER = 3;

async function seedRooms(db: SqlDatabase) {
  await db.exec(`
    insert into chat.users (id, nickname) values (1, '나'), (2, '친구'), (3, '남');
    insert into chat.rooms (id, type, name, created_by) values
      (10, 'GROUP', '팀 방', 1), (11, 'DIRECT', null, 1), (12, 'GROUP', '남의 방', 3);
    insert into chat.room_members (room_id, user_id) values (10, 1), (10, 2), (11, 1), (11, 2), (12, 3);
  `);
}

function suite(kind: string, open: () => Promise<SqlDatabase>, skip: string | false = false) {
  describe(`message search repository (${kind})`, { skip }, () => {
    let db: SqlDatabase;
    let key = 0;
    const ids = new Map<string, number>();
    const repo = () => createSearchRepository(db);
    const messages = () => createMessageRepository(db);
    /** Stores messages as the persistence consumer does; remembers each id by its content. */
    const send = async (roomId: number, senderId: number, content: string, type: MessageType = 'TEXT') => {
      const { rows } = await messages().persistBatch([
        { roomId, senderId, messageKey: `k${++key}`, content, type, acceptedAt: Date.now() },
      ]);
      ids.set(content, rows[0]!.id);
      return rows[0]!.id;
    };
    const searchOf = () =>
      createMessageSearch({ repo: repo(), messages: messages(), requireMember: async () => {} });
    /**
     * What a search finds, by both of its steps: the newest messages (what `hits` answers
     * here, with few messages stored) and the index with the pending messages (step 2, run
     * directly), which must agree whether the indexer has caught up or not.
     */
    const found = async (text: string, roomIds = [10, 11], userId = ME) => {
      const hits = await repo().hits({ roomIds, text, userId, limit: 100 });
      const indexed = await db.query<HitRow>(SEARCH_SQL.indexed, [roomIds, text, userId, NO_CURSOR, 100]);
      assert.deepEqual(
        indexed.rows.map((h) => h.id),
        hits.map((h) => h.id),
        `${text}: step 2 finds what step 1 finds`,
      );
      const rows = await messages().byIds(hits.map((h) => h.id));
      return rows.map((r) => r.content);
    };
    const indexer = () => createSearchIndexer({ db, logger: createLogger({ level: 'silent' }) });
    const count = async (table: string) =>
      Number((await db.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0]!.n);

    before(async () => {
      db = await open();
      await runMigrations(db, 'chat', migrations);
      await seedRooms(db);
      for (const content of [
        '내일 회의는 3시',
        '회의실 예약했어요',
        '의회 뉴스 봤어?',
        '회 의 끝',
        '점심 뭐 먹지? 밥 먹자',
        'The Meeting moved',
        'meetings all day',
        '100% done',
        '1000 done',
        'a_b test',
        'axb test',
        'C:\\path\\file',
        "it's fine",
        'quote " here',
      ]) {
        await send(10, FRIEND, content);
      }
      await send(11, FRIEND, '1:1 회의 메모');
      await send(12, STRANGER, '남의 방 회의 비밀');
      await send(10, FRIEND, '회의 시스템 메시지', 'SYSTEM');
    });
    after(() => db?.close());

    test('two-syllable Korean words match inside words, not across spaces or reversed', async () => {
      assert.deepEqual(await found('회의'), ['1:1 회의 메모', '회의실 예약했어요', '내일 회의는 3시']);
      assert.deepEqual(await found('의회'), ['의회 뉴스 봤어?']);
      assert.deepEqual(await found('회 의'), ['회 의 끝']);
      assert.deepEqual(await found('밥'), ['점심 뭐 먹지? 밥 먹자'], 'one syllable');
      assert.deepEqual(await found('회의실 예약'), ['회의실 예약했어요']);
      assert.deepEqual(await found('회의록'), []);
    });

    test('English substrings, case-insensitive', async () => {
      assert.deepEqual(await found('meeting'), ['meetings all day', 'The Meeting moved']);
      assert.deepEqual(await found('EETING M'), ['The Meeting moved']);
      assert.deepEqual(await found('ings'), ['meetings all day']);
      assert.deepEqual(await found('t'), await found('T'));
    });

    test('%, _, \\ and quotes are ordinary characters', async () => {
      assert.deepEqual(await found('100%'), ['100% done']);
      assert.deepEqual(await found('%'), ['100% done']);
      assert.deepEqual(await found('a_b'), ['a_b test']);
      assert.deepEqual(await found('_'), ['a_b test']);
      assert.deepEqual(await found('\\'), ['C:\\path\\file']);
      assert.deepEqual(await found(':\\path\\f'), ['C:\\path\\file']);
      assert.deepEqual(await found("it's"), ["it's fine"]);
      assert.deepEqual(await found("'"), ["it's fine"]);
      assert.deepEqual(await found('" here'), ['quote " here']);
    });

    test('only the rooms asked for; roomsOf lists my rooms', async () => {
      assert.deepEqual((await repo().roomsOf(ME)).sort(), [10, 11]);
      assert.deepEqual(await repo().roomsOf(99), []);
      assert.ok(!(await found('비밀')).length, "another room's message is not found");
      assert.deepEqual(await found('비밀', [12], STRANGER), ['남의 방 회의 비밀']);
      assert.deepEqual(await found('회의', [11]), ['1:1 회의 메모']);
      assert.deepEqual(await found('회의', []), []);
    });

    test('a hit names its room; a DIRECT room by the other member', async () => {
      const hits = await repo().hits({ roomIds: [10, 11], text: '회의', userId: ME, limit: 10 });
      assert.deepEqual(
        hits.map((h) => [h.room_id, h.room_name, h.room_type, h.peer_id, h.peer_nickname]),
        [
          [11, null, 'DIRECT', FRIEND, '친구'],
          [10, '팀 방', 'GROUP', null, null],
          [10, '팀 방', 'GROUP', null, null],
        ],
      );
    });

    test('SYSTEM messages, unsent ones and those I deleted for me are not found', async () => {
      assert.ok(!(await found('시스템')).length);
      const unsent = await send(10, FRIEND, '보내고 지운 회의 메모');
      const hidden = await send(10, FRIEND, '나만 지운 회의 메모');
      assert.equal((await found('회의 메모')).length, 3);
      await db.query(MESSAGE_CHANGE_SQL.unsend, [unsent, 1]);
      await db.query(MESSAGE_CHANGE_SQL.hide, [ME, 10, hidden]);
      assert.deepEqual(await found('회의 메모'), ['1:1 회의 메모']);
      assert.deepEqual(await found('회의 메모', [10, 11], FRIEND), ['나만 지운 회의 메모', '1:1 회의 메모']);
    });

    test('an edit is searched by its new text, not the old', async () => {
      const id = await send(10, FRIEND, '오타 있는 문장');
      await db.query(MESSAGE_CHANGE_SQL.edit, [id, 2, '고친 문장']);
      assert.deepEqual(await found('오타'), []);
      assert.deepEqual(await found('고친'), ['고친 문장']);
    });

    test('pages by cursor stay stable while new matches arrive', async () => {
      for (let i = 1; i <= 7; i++) await send(10, FRIEND, `페이지 ${i}`);
      const search = searchOf();
      const first = await search.inMyRooms(ME, '페이지', undefined, 3);
      assert.deepEqual(
        first.results.map((r) => r.message.content),
        ['페이지 7', '페이지 6', '페이지 5'],
      );
      assert.equal(first.hasMore, true);
      assert.equal(first.nextCursor, ids.get('페이지 5'));
      await send(10, FRIEND, '페이지 8 (new)');
      await send(11, FRIEND, '페이지 9 (new)');
      const second = await search.inMyRooms(ME, '페이지', first.nextCursor!, 3);
      assert.deepEqual(
        second.results.map((r) => r.message.content),
        ['페이지 4', '페이지 3', '페이지 2'],
      );
      const third = await search.inMyRooms(ME, '페이지', second.nextCursor!, 3);
      assert.deepEqual(
        third.results.map((r) => r.message.content),
        ['페이지 1'],
      );
      assert.equal(third.hasMore, false);
      assert.equal(third.nextCursor, null);
      const fresh = await search.inMyRooms(ME, '페이지', undefined, 2);
      assert.deepEqual(
        fresh.results.map((r) => [r.message.content, r.room.id]),
        [
          ['페이지 9 (new)', 11],
          ['페이지 8 (new)', 10],
        ],
      );
    });

    test('the indexer moves pending messages into the index; searches find the same before and after', async () => {
      const queries = [
        '회의',
        '의회',
        '밥',
        'meeting',
        '100%',
        "'",
        '페이지',
        '비밀',
        '시스템',
        '고친',
        '오타',
      ];
      const before = await Promise.all(queries.map((q) => found(q)));
      const pending = await count('chat.search_pending');
      assert.ok(pending > 20, `messages stored so far wait for the indexer (${pending})`);
      assert.equal(await indexer().drain(), pending);
      assert.equal(await count('chat.search_pending'), 0);
      assert.equal(
        await count('chat.message_search'),
        await count("chat.messages where type <> 'SYSTEM' and deleted_at is null"),
        'every searchable message is indexed once; SYSTEM and unsent ones are not',
      );
      assert.deepEqual(await Promise.all(queries.map((q) => found(q))), before);
      assert.equal(await indexer().drain(), 0, 'nothing left');
    });

    test('an indexed message edited is queued again and found by its new text; unsent, its copy goes', async () => {
      const id = await send(10, FRIEND, '색인된 원래 글');
      await indexer().drain();
      await db.query(MESSAGE_CHANGE_SQL.edit, [id, 3, '색인 뒤 바뀐 글']);
      assert.equal(await count('chat.search_pending'), 1);
      assert.deepEqual(await found('원래'), []);
      assert.deepEqual(await found('바뀐'), ['색인 뒤 바뀐 글'], 'found while its indexed copy is old');
      await indexer().drain();
      const copy = await db.query<{ content: string }>(
        'select content from chat.message_search where message_id = $1',
        [id],
      );
      assert.deepEqual(copy.rows, [{ content: '색인 뒤 바뀐 글' }]);
      assert.deepEqual(await found('바뀐'), ['색인 뒤 바뀐 글']);
      await db.query(MESSAGE_CHANGE_SQL.unsend, [id, 4]);
      assert.equal(
        await count(`chat.message_search where message_id = ${Number(id)}`),
        0,
        'no copy of unsent text',
      );
      assert.deepEqual(await found('바뀐'), []);
    });

    test('results carry a snippet with the matches marked (code points)', async () => {
      await send(10, FRIEND, '😀 Lunch? 점심 LUNCH');
      const search = searchOf();
      const page = await search.inMyRooms(ME, 'lunch', undefined, 5);
      assert.deepEqual(
        page.results.map((r) => [r.snippet, r.highlights, r.room.name]),
        [
          [
            '😀 Lunch? 점심 LUNCH',
            [
              [2, 7],
              [12, 17],
            ],
            '팀 방',
          ],
        ],
      );
      const inRoom = await search.inRoom(ME, 10, '  LUNCH  ', undefined, 5);
      assert.deepEqual(
        inRoom.map((m) => m.content),
        ['😀 Lunch? 점심 LUNCH'],
      );
    });
  });
}

suite('PGlite', createTestPglite);
suite(
  'PostgreSQL',
  createTestPostgres,
  await skipUnless('message search repository (PostgreSQL)', 'postgres'),
);
