import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ChatMessage as Message, MessageSearchPage } from '@chat/contracts';
import { type Deployment, deployments } from './deployments.ts';
import { api, signup, type TestUser } from './harness.ts';
import { connectStomp, type TestStomp } from './stomp-client.ts';

const SEARCHES_PER_MIN = 40;
const ALL = '/api/rooms/messages/search';

type Reply = Awaited<ReturnType<typeof api>>;

/** Every error is the contract's body with its status, naming the path, no stack trace. */
function assertContractError(res: Reply, status: number, what: string): void {
  const body = res.body as Record<string, unknown>;
  assert.equal(res.status, status, `${what}: ${res.status} ${JSON.stringify(body)}`);
  assert.deepEqual(Object.keys(body).sort(), ['error', 'message', 'path', 'status', 'timestamp'], what);
  assert.equal(body.status, status, what);
  assert.ok(String(body.path).startsWith('/api/rooms/'), what);
}

for (const [name, start, skip] of await deployments('message search')) {
  describe(`message search (${name})`, { skip }, () => {
    let d: Deployment;
    const conns: TestStomp[] = [];
    before(async () => {
      d = await start({ SEARCH_RATE_PER_MIN: String(SEARCHES_PER_MIN) });
    });
    after(async () => {
      await Promise.all(conns.map((c) => c.close()));
      await d?.stop();
    });

    /** A sender on node A: messages to a room, each awaited until stored (seen live). */
    async function sender(user: TestUser, roomId: number) {
      const conn = await connectStomp(d.urlA, user.token);
      conns.push(conn);
      const live = await conn.subscribe<Message>(`/topic/room.${roomId}`);
      return async (content: string) => {
        await conn.sendWithReceipt('/app/chat.send', { roomId, content });
        return live.find((m) => m.content === content && m.senderId === user.userId);
      };
    }
    const group = async (owner: TestUser, name: string, members: TestUser[]) => {
      const res = await api<{ id: number }>(d.urlA, 'POST', '/api/rooms/group', owner.token, {
        name,
        memberIds: members.map((m) => m.userId),
      });
      assert.equal(res.status, 201);
      return res.body.id;
    };
    const search = (user: TestUser, query: string) =>
      api<MessageSearchPage>(d.urlB, 'GET', `${ALL}?${query}`, user.token);

    test('across my rooms: newest first, with room, snippet and highlights; never a room I am not in', async () => {
      const a = await signup(d.urlA, '앨리스');
      const b = await signup(d.urlB, '밥');
      const c = await signup(d.urlA, '찰리');
      const team = await group(a, '프로젝트 방', [b]);
      const direct = await api<{ id: number }>(d.urlA, 'POST', '/api/rooms/direct', a.token, {
        targetUserId: b.userId,
      });
      const theirs = await group(a, '둘만의 방', [c]);
      const inTeam = await sender(a, team);
      const inDirect = await sender(a, direct.body.id);
      const inTheirs = await sender(a, theirs);
      const m1 = await inTeam('내일 회의 3시, 회의실 A');
      await inTheirs('B는 모르는 회의');
      const m2 = await inDirect('회의록 보냈어 😀');
      await inTeam('점심 뭐 먹지');

      const res = await search(b, `q=${encodeURIComponent('회의')}`);
      assert.equal(res.status, 200);
      assert.deepEqual(
        res.body.results.map((r) => [r.message.id, r.room, r.snippet, r.highlights]),
        [
          [
            m2.id,
            {
              id: direct.body.id,
              name: null,
              type: 'DIRECT',
              peer: { userId: a.userId, nickname: '앨리스' },
            },
            '회의록 보냈어 😀',
            [[0, 2]],
          ],
          [
            m1.id,
            { id: team, name: '프로젝트 방', type: 'GROUP', peer: null },
            '내일 회의 3시, 회의실 A',
            [
              [3, 5],
              [10, 12],
            ],
          ],
        ],
      );
      assert.equal(res.body.results[0]!.message.senderNickname, '앨리스');
      assert.deepEqual([res.body.hasMore, res.body.nextCursor], [false, null]);

      const inRoom = await api<Message[]>(
        d.urlB,
        'GET',
        `/api/rooms/${team}/messages/search?q=${encodeURIComponent('회의')}`,
        b.token,
      );
      assert.equal(inRoom.status, 200);
      assert.deepEqual(
        inRoom.body.map((m) => m.id),
        [m1.id],
        'the in-room search: message objects of that room',
      );

      assert.deepEqual(
        (await search(c, 'q=%ED%9A%8C%EC%9D%98')).body.results.map((r) => r.room.id),
        [theirs],
      );
      // The invitation's SYSTEM line names the invited; it is never found.
      assert.deepEqual((await search(b, `q=${encodeURIComponent('밥')}`)).body.results, []);
    });

    test('pages by cursor: stable while new matches arrive', async () => {
      const a = await signup(d.urlA);
      const b = await signup(d.urlB);
      const room = await group(a, 'pages', [b]);
      const send = await sender(a, room);
      const sent: Message[] = [];
      for (let i = 1; i <= 5; i++) sent.push(await send(`Report ${i} done`));
      const first = await search(b, 'q=REPORT&size=2');
      assert.deepEqual(
        first.body.results.map((r) => r.message.content),
        ['Report 5 done', 'Report 4 done'],
      );
      assert.deepEqual([first.body.hasMore, first.body.nextCursor], [true, sent[3]!.id]);
      await send('Report 6 (new)');
      const second = await search(b, `q=report&size=2&cursor=${first.body.nextCursor}`);
      assert.deepEqual(
        second.body.results.map((r) => r.message.content),
        ['Report 3 done', 'Report 2 done'],
      );
      const third = await search(b, `q=report&size=2&cursor=${second.body.nextCursor}`);
      assert.deepEqual(
        third.body.results.map((r) => r.message.content),
        ['Report 1 done'],
      );
      assert.deepEqual([third.body.hasMore, third.body.nextCursor], [false, null]);
      const inRoom = await api<Message[]>(
        d.urlB,
        'GET',
        `/api/rooms/${room}/messages/search?q=report&size=2&cursor=${sent[2]!.id}`,
        b.token,
      );
      assert.deepEqual(
        inRoom.body.map((m) => m.content),
        ['Report 2 done', 'Report 1 done'],
      );
    });

    test('every kind of search string is text: %, _, \\, quotes, SQL, 100 characters', async () => {
      const a = await signup(d.urlA);
      const b = await signup(d.urlB);
      const room = await group(a, 'literal', [b]);
      const send = await sender(a, room);
      for (const content of ['100% sure', '1000 sure', 'a_b', 'axb', 'C:\\temp', "it's", 'say "hi"'])
        await send(content);
      const contents = async (q: string) => {
        const res = await search(b, `q=${encodeURIComponent(q)}`);
        assert.equal(res.status, 200, q);
        return res.body.results.map((r) => r.message.content);
      };
      assert.deepEqual(await contents('100%'), ['100% sure']);
      assert.deepEqual(await contents('%'), ['100% sure']);
      assert.deepEqual(await contents('_'), ['a_b']);
      assert.deepEqual(await contents('\\'), ['C:\\temp']);
      assert.deepEqual(await contents("'"), ["it's"]);
      assert.deepEqual(await contents('"hi"'), ['say "hi"']);
      assert.deepEqual(await contents("'; drop table chat.messages; --"), []);
      assert.deepEqual(await contents('%25'), []);
      assert.deepEqual(await contents('가'.repeat(100)), [], '100 code points are allowed');
      assert.deepEqual(await contents('😀'.repeat(100)), [], 'an emoji is one code point');
      assert.deepEqual(await contents('  sure  '), ['1000 sure', '100% sure'], 'trimmed');
      assert.deepEqual(await contents('it’s'), [], 'a curly apostrophe is another character');
    });

    test('bad input: 400 with the contract body, 401 without a token, 403/404 for rooms; nothing breaks', async () => {
      const a = await signup(d.urlA);
      const b = await signup(d.urlB);
      const room = await group(a, 'bad input', [b]);
      const send = await sender(a, room);
      await send('still searchable');
      const bad = [
        '',
        'q=',
        'q=%20%20%20',
        'q=%E3%80%80%09%0A',
        `q=${encodeURIComponent('가'.repeat(101))}`,
        `q=${encodeURIComponent('a'.repeat(5000))}`,
        'q=a%00b',
        'q=a%01b',
        'q=a%07',
        'q=%1B%5B31m',
        'q=a%7F',
        'q=a%C2%85',
        'q=a&size=0',
        'q=a&size=-1',
        'q=a&size=x',
        'q=a&cursor=0',
        'q=a&cursor=abc',
        'q=a&cursor=1e3',
        'q=a&cursor=99999999999999999999',
      ];
      for (const query of bad) {
        assertContractError(await search(b, query), 400, `all rooms ?${query}`);
        const inRoom = await api(d.urlB, 'GET', `/api/rooms/${room}/messages/search?${query}`, b.token);
        assertContractError(inRoom, 400, `in room ?${query}`);
      }
      const blank = await search(b, 'q=%20');
      assert.match((blank.body as unknown as { message: string }).message, /\bq\b/, 'names the field');

      const stranger = await signup(d.urlB);
      const notMine = await api(d.urlB, 'GET', `/api/rooms/${room}/messages/search?q=still`, stranger.token);
      assertContractError(notMine, 403, 'not a member');
      const unknown = await api(d.urlB, 'GET', '/api/rooms/999999999/messages/search?q=still', b.token);
      assertContractError(unknown, 404, 'unknown room');
      for (const path of [`${ALL}?q=still`, `/api/rooms/${room}/messages/search?q=still`]) {
        assertContractError(await api(d.urlB, 'GET', path), 401, `${path} without a token`);
        assertContractError(await api(d.urlB, 'GET', path, 'not-a-token'), 401, `${path} with a bad token`);
      }
      assert.deepEqual((await search(stranger, 'q=still')).body.results, [], 'not in the room: not found');
      const after = await search(b, 'q=still');
      assert.deepEqual(
        after.body.results.map((r) => r.message.content),
        ['still searchable'],
        'the server is up and nothing changed',
      );
    });

    test(`per user: the ${SEARCHES_PER_MIN + 1}th search in a minute is 429 with Retry-After, shared by both routes and nodes`, async () => {
      const a = await signup(d.urlA);
      const b = await signup(d.urlA);
      const room = await group(a, 'limits', [b]);
      const started = Date.now();
      for (let i = 0; i < SEARCHES_PER_MIN; i++) {
        const url = i % 2 === 0 ? d.urlA : d.urlB;
        const path = i % 3 === 0 ? `/api/rooms/${room}/messages/search?q=x` : `${ALL}?q=x`;
        assert.equal((await api(url, 'GET', path, a.token)).status, 200, `search ${i + 1}`);
      }
      // The bucket refills continuously (one search per 1.5 s): on a slow machine the searches
      // above may have earned a few more, and no more than that.
      let refused = await api(d.urlB, 'GET', `${ALL}?q=x`, a.token);
      for (let extra = 1; refused.status === 200; extra++) {
        const earned = Math.floor(((Date.now() - started) * SEARCHES_PER_MIN) / 60_000);
        assert.ok(extra <= earned, `search ${SEARCHES_PER_MIN + extra} allowed, only ${earned} refilled`);
        refused = await api(d.urlB, 'GET', `${ALL}?q=x`, a.token);
      }
      assertContractError(refused, 429, 'over the limit');
      assert.ok(Number(refused.headers.get('retry-after')) >= 1);
      assert.equal((await api(d.urlA, 'GET', `/api/rooms/${room}/messages/search?q=x`, a.token)).status, 429);
      assert.equal((await api(d.urlA, 'GET', `${ALL}?q=x`, b.token)).status, 200, 'others still search');
      assert.equal(
        (await api(d.urlA, 'GET', '/api/users?query=x', a.token)).status,
        200,
        'people search has its own budget',
      );
    });
  });
}
