// The split deployment end to end, as separate processes on the real PostgreSQL (a database per
// service), Redis and NATS: two gateways in front of auth, users and two chat nodes. Clients
// speak only to the gateways; the services' own listeners are looked at only to check where
// things landed (sessions per chat node, health, databases).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { connectSockJs, connectStomp, type TestStomp } from '@chat/chat/testing';
import type { ChatMessage } from '@chat/contracts';
import { skipUnless } from '@chat/platform/testing';
import {
  type Api,
  createApi,
  eventually,
  login,
  type SignedUp,
  signup,
  startTopology,
  TEST_ADMIN,
  type Topology,
  type TopologyNode,
} from '@chat/testing';

const skip = await skipUnless('split topology through two gateways [real]', 'postgres', 'redis', 'nats');
/** A user the services have never heard of: looking it up needs the users service. */
const NOBODY = 2_000_000_000;
/** Six requests, then one token every 10 s: a test's few requests see exact counts. */
const USERS_LIMIT = '0.1/6';

interface Health {
  status: string;
  components: Record<string, { status: string; details: Record<string, unknown> }>;
}

describe('split topology: gateway x2, auth, users, chat x2, a database per service', { skip }, () => {
  let topo: Topology;
  let gw1: Api;
  let gw2: Api;
  let adminToken: string;
  const clients: TestStomp[] = [];

  /** A STOMP session through a gateway's /ws, closed with the suite. */
  const stompVia = async (gateway: TopologyNode, user: SignedUp) => {
    const stomp = await connectStomp(gateway.url, user.token);
    clients.push(stomp);
    return stomp;
  };
  const history = async (api: Api, user: SignedUp, roomId: number): Promise<ChatMessage[]> => {
    const res = await api.get(`/api/rooms/${roomId}/messages?size=100`, { token: user.token });
    assert.equal(res.status, 200, res.text);
    return res.body.messages as ChatMessage[];
  };
  const createGroup = async (api: Api, owner: SignedUp, members: SignedUp[]) => {
    const res = await api.post(
      '/api/rooms/group',
      { name: 'topology', memberIds: members.map((m) => m.userId) },
      { token: owner.token },
    );
    assert.equal(res.status, 201, res.text);
    return res.body.id as number;
  };
  /** A node's health as an operator sees it (details need an administrator's token). */
  const health = async (node: TopologyNode): Promise<Health> =>
    (await createApi(node.url).get('/actuator/health', { token: adminToken })).body as Health;
  const websocketSessions = async (node: TopologyNode): Promise<number> => {
    const text = await (await fetch(`${node.url}/actuator/prometheus`)).text();
    const line = text.split('\n').find((l) => l.startsWith('chat_websocket_sessions'));
    return Number(line?.split(' ').at(-1));
  };

  before(async () => {
    topo = await startTopology({
      gatewayEnv: { GATEWAY_LIMIT_USERS: USERS_LIMIT, GATEWAY_EJECT_MS: '1000' },
      chatEnv: { ROOM_CREATE_RATE_PER_MIN: '10000' },
      social: true,
    });
    gw1 = createApi(topo.gateways[0]!.url);
    gw2 = createApi(topo.gateways[1]!.url);
    adminToken = (await login(gw1, TEST_ADMIN.email, TEST_ADMIN.password)).token;
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
    await topo?.close();
  });

  test('each service has its own database, holding only its own schema', async () => {
    assert.deepEqual(await topo.schemas('auth'), ['auth', 'public']);
    assert.deepEqual(await topo.schemas('users'), ['public', 'users']);
    assert.deepEqual(await topo.schemas('chat'), ['chat', 'public']);
    assert.deepEqual(await topo.schemas('batch'), ['batch', 'public']);
    assert.deepEqual(await topo.schemas('store'), ['public', 'store']);
    assert.deepEqual(await topo.schemas('social'), ['public', 'social']);
  });

  test('the social service alone behind the gateways: a private account followed by an accepted request', async () => {
    const [owner, fan] = [await signup(gw1), await signup(gw2)];
    const priv = await gw1.patch('/api/social/me/settings', { private: true }, { token: owner.token });
    assert.equal(priv.status, 200, priv.text);
    const asked = await gw2.post(`/api/social/users/${owner.userId}/follow`, undefined, { token: fan.token });
    assert.deepEqual(asked.body, { state: 'REQUESTED' });
    const accepted = await gw1.post(`/api/social/me/follow-requests/${fan.userId}/accept`, undefined, {
      token: owner.token,
    });
    assert.equal(accepted.status, 204, accepted.text);
    const profile = await gw2.get(`/api/social/users/${owner.userId}`, { token: fan.token });
    assert.equal(profile.status, 200, profile.text);
    assert.equal(profile.body.me, 'FOLLOWING');
    assert.equal(profile.body.user.nickname, owner.nickname);
    assert.equal(profile.body.visible, true);
  });

  test('the store alone behind the gateways: a purchase with points is paid and fulfilled by its saga', async () => {
    const buyer = await signup(gw1);
    const pack = await gw2.post(
      '/api/store/admin/items',
      {
        title: 'Topology pack',
        artist: 'A',
        description: '',
        price: 300,
        category: 'c',
        tags: [],
        emoticons: [{ alt: '🐧' }],
      },
      { token: adminToken },
    );
    assert.equal(pack.status, 201, pack.text);
    const granted = await gw1.post(
      '/api/store/admin/points/grants',
      { userId: buyer.userId, amount: 1000, reason: 'welcome' },
      { token: adminToken, headers: { 'idempotency-key': 'topology-grant-1' } },
    );
    assert.equal(granted.status, 201, granted.text);
    const placed = await gw2.post(
      '/api/store/orders',
      { itemId: pack.body.id, method: 'POINTS' },
      { token: buyer.token, headers: { 'idempotency-key': 'topology-order-1' } },
    );
    assert.equal(placed.status, 201, placed.text);
    await eventually(async () => {
      const r = await gw1.get(`/api/store/orders/${placed.body.id}`, { token: buyer.token });
      return r.body.status === 'FULFILLED';
    });
    const points = await gw2.get('/api/store/me/points', { token: buyer.token });
    assert.equal(points.body.balance, 700);
  });

  test('the batch service alone behind the gateways: jobs listed, a run started and completed', async () => {
    const jobs = await gw1.get('/api/batch/jobs', { token: adminToken });
    assert.equal(jobs.status, 200);
    assert.ok(jobs.body.some((j: { name: string }) => j.name === 'batch-history-retention'));
    const run = await gw2.post('/api/batch/jobs/batch-history-retention/runs', {}, { token: adminToken });
    assert.equal(run.status, 202);
    const done = await eventually(async () => {
      const r = await gw1.get(`/api/batch/executions/${run.body.id}`, { token: adminToken });
      return r.body.status === 'completed' ? r.body : undefined;
    });
    assert.equal(done.requestedBy, (await gw1.get('/api/users/me', { token: adminToken })).body.id);
    // Daily statistics: chat's figures from chat's internal listener, users' from users'.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul' }).format(new Date());
    const stats = await gw1.post(
      '/api/batch/jobs/daily-statistics/runs',
      { params: { day: today } },
      { token: adminToken },
    );
    assert.equal(stats.status, 202);
    const ended = await eventually(async () => {
      const r = await gw2.get(`/api/batch/executions/${stats.body.id}`, { token: adminToken });
      return r.body.status === 'completed' || r.body.status === 'failed' ? r.body : undefined;
    });
    assert.equal(ended.status, 'completed', ended.error);
    const report = await gw1.get(`/api/batch/reports/daily-statistics?from=${today}&to=${today}`, {
      token: adminToken,
    });
    assert.equal(report.body[0].day, today);
    assert.ok(report.body[0].signups >= 1, 'at least the administrator signed up today');
    // Retention and unread reconciliation drive auth's and chat's upkeep over their internal APIs.
    for (const job of ['retention', 'unread-reconciliation']) {
      const started = await gw2.post(`/api/batch/jobs/${job}/runs`, {}, { token: adminToken });
      assert.equal(started.status, 202);
      const end = await eventually(async () => {
        const r = await gw1.get(`/api/batch/executions/${started.body.id}`, { token: adminToken });
        return r.body.status === 'completed' || r.body.status === 'failed' ? r.body : undefined;
      });
      assert.equal(end.status, 'completed', `${job}: ${end.error}`);
    }
  });

  test('a gateway answers GET /ws without an upgrade with 400, as a single process does', async () => {
    const res = await fetch(`${topo.gateways[0]!.url}/ws`);
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as { error: string }).error, 'BAD_REQUEST');
  });

  test('SockJS through the gateways: xhr-polling (sticky to its chat node) and websocket, live both ways', async () => {
    const [ann, ben] = [await signup(gw1, { nickname: '폴링' }), await signup(gw2, { nickname: '웹소켓' })];
    const roomId = await createGroup(gw1, ann, [ben]);
    // Each SockJS request is an HTTP request of its own: the gateway sends the whole session to
    // one chat node, or the node that did not create the session would answer 404.
    const polling = await connectSockJs(topo.gateways[0]!.url, ann.token, 'xhr-polling');
    const socket = await connectSockJs(topo.gateways[1]!.url, ben.token, 'websocket');
    clients.push({ close: () => polling.client.deactivate() } as TestStomp);
    clients.push({ close: () => socket.client.deactivate() } as TestStomp);
    const seenByAnn: string[] = [];
    const seenByBen: string[] = [];
    const subscribed = (c: typeof polling, receipt: string, into: string[]) =>
      new Promise<void>((resolve) => {
        c.client.watchForReceipt(receipt, () => resolve());
        c.client.subscribe(`/topic/room.${roomId}`, (m) => into.push(JSON.parse(m.body).content), {
          receipt,
        });
      });
    await Promise.all([subscribed(polling, 'a-sub', seenByAnn), subscribed(socket, 'b-sub', seenByBen)]);
    for (let i = 0; i < 5; i++) {
      const [from, content] = i % 2 === 0 ? [polling, `폴링 ${i}`] : [socket, `웹소켓 ${i}`];
      from.client.publish({ destination: '/app/chat.send', body: JSON.stringify({ roomId, content }) });
    }
    await eventually(async () => seenByAnn.length === 5 && seenByBen.length === 5, 15_000);
    assert.deepEqual(seenByAnn, seenByBen, 'both see the same messages in the same order');
    assert.deepEqual([...seenByAnn].sort(), ['웹소켓 1', '웹소켓 3', '폴링 0', '폴링 2', '폴링 4']);
    assert.deepEqual([polling.errors.items, socket.errors.items], [[], []]);
  });

  test('signup, rooms, live messages across gateways and chat nodes, and history', async () => {
    const alice = await signup(gw1, { nickname: '앨리스' });
    const bob = await signup(gw2, { nickname: '밥' });
    const carol = await signup(gw1, { nickname: '캐럴' });
    const me = await gw2.get('/api/users/me', { token: alice.token });
    assert.equal(me.status, 200);
    assert.equal(me.body.nickname, '앨리스');

    const roomId = await createGroup(gw1, alice, [bob]);
    const invited = await gw2.post(
      `/api/rooms/${roomId}/members`,
      { userIds: [carol.userId] },
      { token: bob.token },
    );
    assert.equal(invited.status, 200, invited.text);
    const detail = await gw1.get(`/api/rooms/${roomId}`, { token: carol.token });
    assert.equal(detail.status, 200);
    assert.deepEqual(
      detail.body.members.map((m: { nickname: string }) => m.nickname).sort(),
      ['밥', '앨리스', '캐럴'].sort(),
    );
    // The room says who invited whom: a SYSTEM message, seq 1, through the pipeline.
    const announced = await eventually(async () => {
      const page = await history(gw1, bob, roomId);
      return page.length === 1 && page[0];
    });
    assert.deepEqual(
      [announced.type, announced.seq, announced.content],
      ['SYSTEM', 1, '밥님이 캐럴님을 초대했습니다.'],
    );

    // Two upgrades in a row through one gateway go to the two chat nodes (round-robin).
    const aliceWs = await stompVia(topo.gateways[0]!, alice);
    const bobWs = await stompVia(topo.gateways[1]!, bob);
    const carolWs = await stompVia(topo.gateways[1]!, carol);
    for (const chat of topo.chats)
      assert.ok((await websocketSessions(chat)) >= 1, `${chat.name} holds sessions`);
    const inboxes = await Promise.all(
      [aliceWs, bobWs, carolWs].map((s) => s.subscribe<ChatMessage>(`/topic/room.${roomId}`)),
    );

    await aliceWs.sendWithReceipt('/app/chat.send', { roomId, content: '안녕 👋' });
    await bobWs.sendWithReceipt('/app/chat.send', { roomId, content: '반가워' });
    await carolWs.sendWithReceipt('/app/chat.send', { roomId, content: 'مرحبا' });
    const expected = [
      ['안녕 👋', '앨리스'],
      ['반가워', '밥'],
      ['مرحبا', '캐럴'],
    ];
    for (const inbox of inboxes) {
      const live = await inbox.count(3);
      assert.deepEqual(
        live.map((m) => [m.content, m.senderNickname]),
        expected,
        'every member gets every message, in order',
      );
      assert.deepEqual(
        live.map((m) => m.seq),
        [2, 3, 4],
      );
    }
    const live = inboxes[0]!.items;
    for (const api of [gw1, gw2]) {
      const stored = await eventually(async () => {
        const page = await history(api, bob, roomId);
        return page.length === 4 && page;
      });
      assert.deepEqual(
        stored.map((m) => m.id),
        [...live.map((m) => m.id).reverse(), announced.id],
        'history is newest first, with the ids of the live messages',
      );
    }
    const rooms = await gw2.get('/api/rooms', { token: carol.token });
    assert.equal(rooms.body[0]?.id, roomId);
    assert.equal(rooms.body[0]?.lastMessage?.content, 'مرحبا');
  });

  test('account self-service through the gateways: password change, export parts, deletion with the password checked by auth', async () => {
    const alice = await signup(gw1, { nickname: '탈퇴할이' });
    const bob = await signup(gw2, { nickname: '남을이' });
    const roomId = await createGroup(gw1, alice, [bob]);
    const other = await login(gw2, alice.email, alice.password);
    const otherStomp = await stompVia(topo.gateways[1]!, { ...alice, token: other.token });
    const changed = await gw1.post(
      '/api/auth/password',
      { currentPassword: alice.password, newPassword: 'topology-new-pass' },
      { token: alice.token },
    );
    assert.equal(changed.status, 204, changed.text);
    const ended = await otherStomp.errors.find((e) => e.code === 'ERROR_FRAME', 10_000);
    assert.equal(ended.errorCode, 'TOKEN_REVOKED', 'the other session ends on whichever chat node holds it');
    assert.equal((await gw2.get('/api/users/me', { token: other.token })).status, 401);

    const stomp = await stompVia(topo.gateways[0]!, alice);
    await stomp.sendWithReceipt('/app/chat.send', { roomId, content: '내 메시지' });
    await eventually(async () => (await history(gw2, bob, roomId)).some((m) => m.content === '내 메시지'));
    const profile = await gw1.get('/api/users/me/export', { token: alice.token });
    const chatPart = await gw2.get('/api/rooms/export', { token: alice.token });
    assert.equal(profile.status, 200);
    assert.equal(profile.body.profile.email, alice.email);
    assert.equal(chatPart.status, 200, chatPart.text);
    assert.match(chatPart.headers.get('content-disposition') ?? '', /^attachment;/);
    assert.deepEqual(
      chatPart.body.messages.map((m: { content: string }) => m.content),
      ['내 메시지'],
    );

    const wrong = await gw2.request(
      'DELETE',
      '/api/users/me',
      { password: alice.password },
      { token: alice.token },
    );
    assert.equal(wrong.status, 400, 'the old password no longer confirms');
    const deleted = await gw2.request(
      'DELETE',
      '/api/users/me',
      { password: 'topology-new-pass' },
      { token: alice.token },
    );
    assert.equal(deleted.status, 204, deleted.text);
    await stomp.closed.find(() => true, 10_000);
    await eventually(async () =>
      (await history(gw1, bob, roomId)).some(
        (m) => m.content === '내 메시지' && m.senderNickname === '(unknown)',
      ),
    );
    assert.equal((await signup(gw1, { email: alice.email })).email, alice.email, 'the email is free again');
  });

  test('rate limits are shared: alternating gateways drains one bucket, then 429 with Retry-After', async () => {
    const dave = await signup(gw1);
    const remaining: (string | null)[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await (i % 2 === 0 ? gw1 : gw2).get('/api/users/me', { token: dave.token });
      assert.equal(res.status, 200);
      remaining.push(res.headers.get('x-ratelimit-remaining'));
    }
    assert.deepEqual(remaining, ['5', '4', '3', '2', '1', '0']);
    for (const api of [gw1, gw2]) {
      const limited = await api.get('/api/users/me', { token: dave.token });
      assert.equal(limited.status, 429);
      assert.equal(limited.body.error, 'TOO_MANY_REQUESTS');
      assert.equal(limited.headers.get('x-ratelimit-remaining'), '0');
      assert.ok(Number(limited.headers.get('retry-after')) >= 1, 'Retry-After in seconds');
    }
    const erin = await signup(gw2);
    const other = await gw1.get('/api/users/me', { token: erin.token });
    assert.equal(other.headers.get('x-ratelimit-remaining'), '5', "another user's bucket is untouched");
  });

  test('a gateway killed under a client: it reconnects through the other and loses nothing', async () => {
    const frank = await signup(gw1, { nickname: '프랭크' });
    const grace = await signup(gw2, { nickname: '그레이스' });
    const roomId = await createGroup(gw2, frank, [grace]);
    const graceWs = await stompVia(topo.gateways[1]!, grace);
    const watched = await graceWs.subscribe<ChatMessage>(`/topic/room.${roomId}`);
    const frankWs = await stompVia(topo.gateways[0]!, frank);
    const send = (stomp: TestStomp, content: string, messageKey: string) =>
      stomp.sendWithReceipt('/app/chat.send', { roomId, content, messageKey });
    const receipted: string[] = [];
    for (const n of [1, 2, 3]) {
      await send(frankWs, `before ${n}`, randomUUID());
      receipted.push(`before ${n}`);
    }
    // The last SEND leaves without waiting for its RECEIPT when the gateway dies.
    const inFlight = randomUUID();
    frankWs.send('/app/chat.send', { roomId, content: 'in flight', messageKey: inFlight });
    assert.equal(await topo.gateways[0]!.kill(), 'SIGKILL');
    await frankWs.closed.count(1);
    await send(graceWs, 'while frank was away', randomUUID());
    receipted.push('while frank was away');

    const back = await stompVia(topo.gateways[1]!, frank);
    // The retry of an unreceipted SEND uses its messageKey: stored once whether or not it got in.
    await send(back, 'in flight', inFlight);
    receipted.push('in flight');
    for (const n of [1, 2]) {
      await send(back, `after ${n}`, randomUUID());
      receipted.push(`after ${n}`);
    }
    const stored = await eventually(async () => {
      const page = await history(gw2, frank, roomId);
      return page.length >= receipted.length && page;
    });
    assert.deepEqual(
      stored.map((m) => m.content).sort(),
      receipted.sort(),
      'every receipted message exactly once',
    );
    const ordered = [...stored].reverse();
    assert.deepEqual(
      ordered.map((m) => m.seq),
      ordered.map((_, i) => i + 1),
      'seq has no gaps',
    );
    const missed = await gw2.get(`/api/rooms/${roomId}/messages?afterSeq=3`, { token: frank.token });
    assert.equal(missed.status, 200);
    assert.deepEqual(
      (missed.body.messages as ChatMessage[]).map((m) => m.id),
      ordered.slice(3).map((m) => m.id),
      'gap fill after the reconnect returns what came since',
    );
    await watched.count(stored.length);
    assert.deepEqual(
      watched.items.map((m) => m.id),
      ordered.map((m) => m.id),
      'the client on the surviving gateway saw everything, once, in order',
    );
    await assert.rejects(fetch(`${topo.gateways[0]!.url}/api/rooms`), 'gateway 1 is gone');
  });

  test('users stopped: chat keeps messaging with its circuit open, and recovers when users returns', async () => {
    const heidi = await signup(gw2, { nickname: '하이디' });
    const ivan = await signup(gw2, { nickname: '이반' });
    const roomId = await createGroup(gw2, heidi, [ivan]);

    assert.equal(await topo.users.stop(), 0, 'users drains and exits 0 on SIGTERM');
    const down = await gw2.get('/api/users/me', { token: ivan.token });
    assert.equal(down.status, 503, 'the gateway answers for an upstream that is down');
    assert.equal(down.body.error, 'SERVICE_UNAVAILABLE');
    assert.ok(Number(down.headers.get('retry-after')) >= 1);

    // Lookups of users chat has not heard of fail until every chat node's breaker opens.
    await eventually(async () => {
      const res = await gw2.post('/api/rooms/direct', { targetUserId: NOBODY }, { token: heidi.token });
      assert.equal(res.status, 503);
      const states = await Promise.all(topo.chats.map(health));
      return states.every((h) => h.components.users?.status === 'DEGRADED');
    }, 30_000);
    for (const chat of topo.chats) {
      const h = await health(chat);
      assert.equal(h.status, 'UP', `${chat.name} stays UP`);
      assert.equal(h.components.users?.details.breaker, 'open');
    }

    const ivanWs = await stompVia(topo.gateways[1]!, ivan);
    const inbox = await ivanWs.subscribe<ChatMessage>(`/topic/room.${roomId}`);
    const heidiWs = await stompVia(topo.gateways[1]!, heidi);
    await heidiWs.sendWithReceipt('/app/chat.send', { roomId, content: '아직 돼요' });
    const [delivered] = await inbox.count(1);
    assert.equal(delivered?.senderNickname, '하이디', "the nickname from chat's own copy");
    const stored = await eventually(async () => {
      const page = await history(gw2, ivan, roomId);
      return page.length === 1 && page;
    });
    assert.deepEqual(
      stored.map((m) => [m.content, m.senderNickname]),
      [['아직 돼요', '하이디']],
    );

    await topo.users.start();
    // Each breaker lets a trial call through after its reset timeout; users answers, it closes.
    await eventually(async () => {
      const res = await gw2.post('/api/rooms/direct', { targetUserId: NOBODY }, { token: heidi.token });
      if (res.status !== 404) return false;
      const states = await Promise.all(topo.chats.map(health));
      return states.every((h) => h.components.users?.details.breaker === 'closed');
    }, 30_000);
    assert.equal((await gw2.get('/api/users/me', { token: ivan.token })).status, 200);
    const judy = await signup(gw2, { nickname: '주디' });
    const direct = await gw2.post('/api/rooms/direct', { targetUserId: judy.userId }, { token: heidi.token });
    assert.equal(direct.status, 201, direct.text);
  });
});
