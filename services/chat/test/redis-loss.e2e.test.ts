// Redis is a cache here, never the source of truth: a Redis that restarts empty must not bring
// revoked tokens back, and a Redis that is down must not take chat down with it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { skipUnless } from '@chat/platform/testing';
import {
  createApi,
  createRealBackend,
  eventually,
  login,
  type PrivateRedis,
  type RealBackend,
  signup as signupWithPassword,
  startPrivateRedis,
} from '@chat/testing';
import { allHistory, api, signup, startTestServer, type TestServer } from './harness.ts';
import { connectStomp } from './stomp-client.ts';

const skip = await skipUnless(
  'chat: token revocation and degradation on a private Redis',
  'postgres',
  'nats',
);

describe('a private Redis that restarts empty or stops', { skip }, () => {
  let redis: PrivateRedis;
  let backend: RealBackend;
  let srv: TestServer;
  before(async () => {
    redis = await startPrivateRedis();
    backend = await createRealBackend();
    srv = await startTestServer({ ...backend.env, REDIS_URL: redis.url });
  });
  after(async () => {
    await srv?.stop();
    await redis?.stop();
    await backend?.cleanup();
  });

  test('a logged-out access token stays refused after Redis restarts empty; others keep working', async () => {
    const user = await signupWithPassword(createApi(srv.url));
    const other = await login(createApi(srv.url), user.email, user.password);
    assert.equal((await api(srv.url, 'POST', '/api/auth/logout', user.token)).status, 204);
    assert.equal((await api(srv.url, 'GET', '/api/rooms', user.token)).status, 401);

    await redis.kill9();
    await redis.restart();

    assert.equal((await api(srv.url, 'GET', '/api/rooms', user.token)).status, 401, 'REST after the loss');
    await assert.rejects(
      connectStomp(srv.url, user.token),
      /STOMP ERROR|closed/,
      'STOMP CONNECT after the loss',
    );
    assert.equal(
      (await api(srv.url, 'GET', '/api/rooms', other.token)).status,
      200,
      'a live token still works',
    );
    const conn = await connectStomp(srv.url, other.token);
    await conn.close();
  });

  test('with Redis stopped: login, an authenticated GET and a SEND with receipt work, no 500', async () => {
    const [alice, bob] = [await signupWithPassword(createApi(srv.url)), await signup(srv.url)];
    const room = await api<{ id: number }>(srv.url, 'POST', '/api/rooms/group', alice.token, {
      name: 'no redis',
      memberIds: [bob.userId],
    });
    assert.equal(room.status, 201);
    await redis.kill9();
    try {
      const relogin = await api(srv.url, 'POST', '/api/auth/login', undefined, {
        email: alice.email,
        password: alice.password,
      });
      assert.equal(relogin.status, 200, 'login works on local limits');
      const rooms = await api<{ id: number }[]>(srv.url, 'GET', '/api/rooms', alice.token);
      assert.equal(rooms.status, 200, `GET /api/rooms: ${JSON.stringify(rooms.body)}`);
      assert.ok(rooms.body.some((r) => r.id === room.body.id));
      const conn = await connectStomp(srv.url, alice.token);
      await conn.sendWithReceipt('/app/chat.send', {
        roomId: room.body.id,
        content: 'sent while Redis is down',
      });
      await conn.close();
      // Persistence follows the RECEIPT asynchronously (the log's consumer).
      const history = await eventually(async () => {
        const h = await allHistory(srv.url, bob, room.body.id);
        return h.length > 0 && h;
      });
      assert.deepEqual(
        history.map((m) => m.content),
        ['sent while Redis is down'],
      );
    } finally {
      await redis.restart();
    }
  });

  test('with Redis stopped: a room is created and a profile edited, a room subscription refused; once Redis is back it works live', async () => {
    const [alice, bob] = [await signup(srv.url), await signup(srv.url)];
    const conn = await connectStomp(srv.url, alice.token);
    const sender = await connectStomp(srv.url, bob.token);
    await redis.kill9();
    let roomId: number;
    try {
      const room = await api<{ id: number }>(srv.url, 'POST', '/api/rooms/group', alice.token, {
        name: 'made during an outage',
        memberIds: [bob.userId],
      });
      assert.equal(room.status, 201, JSON.stringify(room.body));
      roomId = room.body.id;
      const profile = await api(srv.url, 'PATCH', '/api/users/me', alice.token, {
        statusMessage: 'offline cache',
      });
      assert.equal(
        profile.status,
        200,
        `a profile write on per-node limits: ${JSON.stringify(profile.body)}`,
      );
      await assert.rejects(conn.subscribe(`/topic/room.${roomId}`), { code: 'SERVICE_UNAVAILABLE' });
    } finally {
      await redis.restart();
    }
    const rooms = await api<{ id: number }[]>(srv.url, 'GET', '/api/rooms', alice.token);
    assert.equal(rooms.body.filter((r) => r.id === roomId).length, 1, 'created once');
    // The server's Redis connections come back by themselves within their backoff.
    await eventually(async () => (await fetch(`${srv.url}/actuator/health`)).status === 200);
    const live = await conn.subscribe<{ content: string }>(`/topic/room.${roomId}`);
    await sender.sendWithReceipt('/app/chat.send', { roomId, content: 'after the outage' });
    assert.deepEqual(
      (await live.count(1)).map((m) => m.content),
      ['after the outage'],
    );
    await Promise.all([conn.close(), sender.close()]);
  });
});

describe('two chat nodes on a private Redis: a removal while it is down', { skip }, () => {
  let redis: PrivateRedis;
  let backend: RealBackend;
  let nodes: TestServer[];
  before(async () => {
    redis = await startPrivateRedis();
    backend = await createRealBackend();
    const env = { ...backend.env, REDIS_URL: redis.url };
    nodes = [await startTestServer(env), await startTestServer(env)];
  });
  after(async () => {
    for (const n of nodes ?? []) await n.stop();
    await redis?.stop();
    await backend?.cleanup();
  });

  test('a member removed on one node while Redis is down loses their live subscription on the other once it is back', async () => {
    const [a, b] = nodes as [TestServer, TestServer];
    const [owner, member] = [await signup(a.url), await signup(a.url)];
    const room = await api<{ id: number }>(a.url, 'POST', '/api/rooms/group', owner.token, {
      name: 'removal during an outage',
      memberIds: [member.userId],
    });
    const memberOnB = await connectStomp(b.url, member.token);
    await memberOnB.subscribe(`/topic/room.${room.body.id}`);
    await redis.kill9();
    try {
      const removed = await api(
        a.url,
        'DELETE',
        `/api/rooms/${room.body.id}/members/${member.userId}`,
        owner.token,
      );
      assert.equal(removed.status, 204, 'the removal is committed and answered');
    } finally {
      await redis.restart();
    }
    // Node B never heard the notice; once it listens again it checks its live subscriptions.
    const ended = await memberOnB.errors.find((e) => e.code === 'NOT_A_MEMBER');
    assert.equal(ended.roomId, room.body.id);
    await memberOnB.close();
  });
});
