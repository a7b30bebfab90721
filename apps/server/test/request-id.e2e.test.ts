// One request id from the edge to the end, across processes: a gateway, chat, and users+auth,
// each logging JSON lines. A request's id is in the lines of every process it touched, once per
// line: HTTP through the gateway (or straight to chat), chat's call to users, an admin change
// relayed through the event log to auth's consumer, and a STOMP session opened through the
// gateway: its frames, and chat's consumer storing the message it sent.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
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
import { WebSocket } from 'ws';

const TOKEN = 'request-id-internal-token-0123456789abcdef';
const NOBODY = 2_000_000_000;
const skip = await skipUnless('request ids across processes [real]', 'postgres', 'redis', 'nats');

/** The JSON log lines of a process that contain `id`, as raw text. */
function linesWith(server: SpawnedServer, id: string): string[] {
  return server
    .stdout()
    .split('\n')
    .filter((line) => line.includes(id));
}

/** Every line names the id exactly once, under `reqId`. */
function assertOncePerLine(lines: readonly string[], id: string): void {
  for (const line of lines) {
    assert.equal(line.split(id).length - 1, 1, `the id appears once in: ${line}`);
    assert.equal((JSON.parse(line) as { reqId?: string }).reqId, id);
  }
}

describe('request ids from the gateway to every service', { skip }, () => {
  let backend: RealBackend;
  let accounts: SpawnedServer;
  let chat: SpawnedServer;
  let gateway: SpawnedServer;
  let api: Api;

  before(async () => {
    backend = await createRealBackend();
    const internalPort = await freePort();
    const internalUrl = `http://127.0.0.1:${internalPort}`;
    const common = { ...backend.env, JWT_SECRET: TEST_JWT_SECRET, INTERNAL_TOKEN: TOKEN, TRUST_PROXY: '1' };
    [accounts, chat] = await Promise.all([
      startHealthyServer({
        ...common,
        SERVICES: 'users,auth',
        INTERNAL_PORT: String(internalPort),
        ADMIN_EMAIL: TEST_ADMIN.email,
        ADMIN_PASSWORD: TEST_ADMIN.password,
        LOG_LEVEL: 'info',
      }),
      startHealthyServer({
        ...common,
        SERVICES: 'chat',
        USERS_URL: internalUrl,
        AUTH_URL: internalUrl,
        LOG_LEVEL: 'debug',
      }),
    ]);
    gateway = await startHealthyServer({
      ...backend.env,
      JWT_SECRET: TEST_JWT_SECRET,
      SERVICES: 'gateway',
      AUTH_UPSTREAMS: accounts.url,
      USERS_UPSTREAMS: accounts.url,
      CHAT_UPSTREAMS: chat.url,
      LOG_LEVEL: 'info',
    });
    api = createApi(gateway.url);
  });
  after(async () => {
    await Promise.all([gateway, chat, accounts].filter(Boolean).map((s) => stopServer(s)));
    await backend?.cleanup();
  });

  test('an HTTP request: the gateway, chat, and users called by chat all log its id', async () => {
    const alice = await signup(api);
    const id = `trace-${randomUUID()}`;
    const res = await api.post(
      '/api/rooms/direct',
      { targetUserId: NOBODY },
      {
        token: alice.token,
        headers: { 'x-request-id': id },
      },
    );
    assert.equal(res.status, 404, res.text);
    assert.equal(res.headers.get('x-request-id'), id);
    // Access lines are written when each answer is finished: the callee's may come a moment later.
    const seen = await eventually(async () => {
      const lines = [gateway, chat, accounts].map((s) => linesWith(s, id));
      return lines.every((l) => l.length > 0) && lines;
    });
    for (const lines of seen) assertOncePerLine(lines, id);
    assert.ok(
      seen[2]?.some((l) => l.includes('/internal/')),
      "users' internal listener logged the call",
    );
  });

  test('a service reached directly: its X-Request-Id reaches the service it calls', async () => {
    const dave = await signup(api);
    const id = `trace-${randomUUID()}`;
    const res = await createApi(chat.url).post(
      '/api/rooms/direct',
      { targetUserId: NOBODY + 1 },
      { token: dave.token, headers: { 'x-request-id': id } },
    );
    assert.equal(res.status, 404, res.text);
    assert.equal(res.headers.get('x-request-id'), id);
    const [chatLines, accountLines] = await eventually(async () => {
      const lines = [chat, accounts].map((s) => linesWith(s, id));
      return lines.every((l) => l.length > 0) && lines;
    });
    assertOncePerLine([...(chatLines ?? []), ...(accountLines ?? [])], id);
    assert.ok(
      accountLines?.some((l) => l.includes('/internal/')),
      "users' internal listener logged the call",
    );
    assert.deepEqual(linesWith(gateway, id), [], 'the gateway was not on the way');
  });

  test("an admin change: users' request id reaches auth's consumer through the event log", async () => {
    const admin = await login(api, TEST_ADMIN.email, TEST_ADMIN.password);
    const bob = await signup(api);
    const id = `trace-${randomUUID()}`;
    const res = await api.request(
      'PATCH',
      `/api/users/${bob.userId}/status`,
      { status: 'SUSPENDED' },
      {
        token: admin.token,
        headers: { 'x-request-id': id },
      },
    );
    assert.equal(res.status, 200, res.text);
    const consumed = await eventually(async () => {
      const lines = linesWith(accounts, id).filter((l) => l.includes('sessions revoked'));
      return lines.length > 0 && lines;
    });
    assertOncePerLine([...consumed, ...linesWith(accounts, id), ...linesWith(gateway, id)], id);
  });

  test('a STOMP session: the id of its upgrade request is on the lines of its frames', async () => {
    const carol = await signup(api);
    const room = await api.post(
      '/api/rooms/group',
      { name: 'traced', memberIds: [] },
      { token: carol.token },
    );
    assert.equal(room.status, 201, room.text);
    const id = `trace-${randomUUID()}`;
    const ws = new WebSocket(`${gateway.url.replace('http', 'ws')}/ws`, ['v12.stomp'], {
      headers: { 'x-request-id': id },
    });
    await once(ws, 'open');
    const frames: string[] = [];
    ws.on('message', (d) => frames.push(d.toString()));
    ws.send(`CONNECT\naccept-version:1.2\nhost:x\nAuthorization:Bearer ${carol.token}\n\n\0`);
    await eventually(async () => frames.some((f) => f.startsWith('CONNECTED')));
    const body = JSON.stringify({ roomId: room.body.id, content: 'hello', messageKey: randomUUID() });
    ws.send(`SEND\ndestination:/app/chat.send\nreceipt:r1\ncontent-type:application/json\n\n${body}\0`);
    await eventually(async () => frames.some((f) => f.startsWith('RECEIPT')));
    ws.close();
    assertOncePerLine(linesWith(gateway, id), id);
    assert.ok(linesWith(gateway, id).some((l) => l.includes('websocket proxied')));
    // The session, the SEND, the persistence consumer storing what the SEND appended, the close.
    const wanted = ['STOMP session opened', 'message accepted', 'message stored', 'STOMP session closed'];
    const chatLines = await eventually(async () => {
      const lines = linesWith(chat, id);
      return wanted.every((msg) => lines.some((l) => JSON.parse(l).msg === msg)) && lines;
    });
    assertOncePerLine(chatLines, id);
    const stored = chatLines.map((l) => JSON.parse(l)).find((l) => l.msg === 'message stored');
    assert.equal(stored.roomId, room.body.id);
    assert.equal(stored.messageKey, JSON.parse(body).messageKey);
  });
});
