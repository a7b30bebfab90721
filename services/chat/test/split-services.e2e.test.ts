// Chat in its own process, users+auth in another (each spawned like `npm start`), talking over
// the internal listener: revocations asked of auth over HTTP when chat's cache cannot answer,
// and chat serving what it has while users is down.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { skipUnless } from '@chat/platform/testing';
import {
  type Api,
  createApi,
  createRealBackend,
  eventually,
  freePort,
  login,
  type RealBackend,
  type SpawnedServer,
  signup,
  startHealthyServer,
  stopServer,
  TEST_ADMIN,
  TEST_JWT_SECRET,
} from '@chat/testing';
import { connectStomp } from './stomp-client.ts';

const TOKEN = 'split-resilience-internal-token-0123456789';
const NOBODY = 2_000_000_000;
const skip = await skipUnless('chat split from users+auth [real]', 'postgres', 'redis', 'nats');

interface Health {
  status: string;
  components: Record<string, { status: string; details: Record<string, unknown> }>;
}

describe('chat in its own process, users and auth in another', { skip }, () => {
  let backend: RealBackend;
  let chatOnlyBackend: RealBackend;
  let accountsEnv: Record<string, string>;
  let accounts: SpawnedServer;
  let chat: SpawnedServer;
  let accountsApi: () => Api;
  let chatApi: Api;
  let internalUrl: string;

  const startAccounts = async () => {
    accounts = await startHealthyServer(accountsEnv);
  };

  before(async () => {
    backend = await createRealBackend();
    chatOnlyBackend = await createRealBackend();
    const internalPort = await freePort();
    internalUrl = `http://127.0.0.1:${internalPort}`;
    accountsEnv = {
      ...backend.env,
      JWT_SECRET: TEST_JWT_SECRET,
      INTERNAL_TOKEN: TOKEN,
      INTERNAL_PORT: String(internalPort),
      ADMIN_EMAIL: TEST_ADMIN.email,
      ADMIN_PASSWORD: TEST_ADMIN.password,
      SERVICES: 'users,auth',
    };
    await startAccounts();
    accountsApi = () => createApi(accounts.url);
    chat = await startHealthyServer({
      ...backend.env,
      JWT_SECRET: TEST_JWT_SECRET,
      INTERNAL_TOKEN: TOKEN,
      SERVICES: 'chat',
      USERS_URL: internalUrl,
      AUTH_URL: internalUrl,
      ROOM_CREATE_RATE_PER_MIN: '10000',
    });
    chatApi = createApi(chat.url);
  });
  after(async () => {
    if (chat) await stopServer(chat);
    if (accounts) await stopServer(accounts);
    await backend?.cleanup();
    await chatOnlyBackend?.cleanup();
  });

  test('where chat cache holds no revocation state, auth is asked over HTTP: a logged-out token is refused, a live one accepted', async () => {
    // Its own database and key namespace: auth never writes this cache, so the epoch sentinel
    // is missing and the verifier must ask auth (without the HTTP client every check is 503).
    const lonely = await startHealthyServer({
      ...chatOnlyBackend.env,
      JWT_SECRET: TEST_JWT_SECRET,
      INTERNAL_TOKEN: TOKEN,
      SERVICES: 'chat',
      USERS_URL: internalUrl,
      AUTH_URL: internalUrl,
    });
    try {
      const api = createApi(lonely.url);
      const user = await signup(accountsApi());
      const other = await login(accountsApi(), user.email, user.password);
      assert.equal((await api.get('/api/rooms', { token: user.token })).status, 200);
      assert.equal(
        (await accountsApi().post('/api/auth/logout', undefined, { token: user.token })).status,
        204,
      );
      const refused = await api.get('/api/rooms', { token: user.token });
      assert.equal(refused.status, 401);
      assert.equal(refused.body.error, 'UNAUTHORIZED');
      assert.equal((await api.get('/api/rooms', { token: other.token })).status, 200, 'the live token');
    } finally {
      await stopServer(lonely);
    }
  });

  test('with users+auth stopped chat serves rooms and history and reports users DEGRADED; restarted, new users join', async () => {
    const admin = await login(accountsApi(), TEST_ADMIN.email, TEST_ADMIN.password);
    const alice = await signup(accountsApi(), { nickname: '앨리스' });
    const bob = await signup(accountsApi(), { nickname: '밥' });
    const direct = await chatApi.post(
      '/api/rooms/direct',
      { targetUserId: bob.userId },
      { token: alice.token },
    );
    assert.equal(direct.status, 201);
    const roomId = direct.body.id as number;
    // Both just signed up: chat asked users about each (its user events may lag), so Bob's
    // list names the creator at once.
    const bobsList = await chatApi.get('/api/rooms', { token: bob.token });
    assert.equal(bobsList.body[0]?.peer?.nickname, '앨리스');
    const stomp = await connectStomp(chat.url, alice.token);
    await stomp.sendWithReceipt('/app/chat.send', { roomId, content: '안녕' });
    await stomp.close();
    const history = async () => chatApi.get(`/api/rooms/${roomId}/messages`, { token: bob.token });
    await eventually(async () => (await history()).body.messages?.length === 1);

    await stopServer(accounts);

    const health = async (): Promise<Health> =>
      (await chatApi.get('/actuator/health', { token: admin.token })).body as Health;
    // Each lookup of a user chat has not heard of goes to users and fails: 503, quickly, until
    // the breaker opens.
    await eventually(async () => {
      const res = await chatApi.post('/api/rooms/direct', { targetUserId: NOBODY }, { token: alice.token });
      assert.equal(res.status, 503);
      return (await health()).components.users?.status === 'DEGRADED';
    }, 20_000);
    const degraded = await health();
    assert.equal(degraded.status, 'UP');
    assert.equal(degraded.components.users?.details.breaker, 'open');
    assert.equal((await chatApi.get('/actuator/health/readiness')).status, 200, 'still ready');
    const rooms = await chatApi.get('/api/rooms', { token: alice.token });
    assert.equal(rooms.status, 200);
    assert.equal(rooms.body[0]?.id, roomId);
    assert.equal((await chatApi.get(`/api/rooms/${roomId}`, { token: alice.token })).status, 200);
    const during = await connectStomp(chat.url, alice.token);
    await during.sendWithReceipt('/app/chat.send', { roomId, content: '아직 있어' });
    await during.close();
    await eventually(async () => (await history()).body.messages?.length === 2);
    const served = await history();
    assert.equal(served.status, 200);
    assert.deepEqual(
      served.body.messages.map((m: { content: string; senderNickname: string }) => [
        m.content,
        m.senderNickname,
      ]),
      [
        ['아직 있어', '앨리스'],
        ['안녕', '앨리스'],
      ],
      'newest first, sent while users was down',
    );

    await startAccounts();
    // The breaker lets a trial call through after its reset timeout; users answers, it closes.
    await eventually(
      async () =>
        (await chatApi.post('/api/rooms/direct', { targetUserId: NOBODY }, { token: alice.token })).status ===
        404,
      20_000,
    );
    const recovered = await health();
    assert.equal(recovered.components.users?.status, 'UP');
    assert.equal(recovered.components.users?.details.breaker, 'closed');

    const carol = await signup(accountsApi(), { nickname: '캐럴' });
    const group = await chatApi.post(
      '/api/rooms/group',
      { name: '셋', memberIds: [bob.userId, carol.userId] },
      { token: alice.token },
    );
    assert.equal(group.status, 201);
    const detail = await chatApi.get(`/api/rooms/${group.body.id}`, { token: carol.token });
    assert.equal(detail.status, 200);
    assert.deepEqual(
      detail.body.members.map((m: { nickname: string }) => m.nickname).sort(),
      ['밥', '앨리스', '캐럴'].sort(),
    );
  });
});
