import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { api, signup, startTestServer, type TestServer, type TestUser } from './harness.ts';
import { connectStomp, type TestStomp } from './stomp-client.ts';

const RATE = 5;
const REJECTIONS = 10;

let srv: TestServer;
const clients: TestStomp[] = [];
before(async () => {
  srv = await startTestServer({
    CHAT_SEND_RATE_PER_SEC: String(RATE),
    CHAT_SEND_BURST: String(RATE),
    CHAT_ABUSE_REJECTIONS: String(REJECTIONS),
    CHAT_ABUSE_WINDOW_MS: '10000',
  });
});
after(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await srv.stop();
});

async function soloRoom(): Promise<{ user: TestUser; roomId: number; conn: TestStomp }> {
  const [user, other] = [await signup(srv.url), await signup(srv.url)];
  const res = await api<{ id: number }>(srv.url, 'POST', '/api/rooms/group', user.token, {
    name: 'limits',
    memberIds: [other.userId],
  });
  assert.equal(res.status, 201);
  const conn = await connectStomp(srv.url, user.token);
  clients.push(conn);
  return { user, roomId: res.body.id, conn };
}

const rateLimited = (conn: TestStomp) => conn.errors.items.filter((e) => e.code === 'RATE_LIMITED');

describe('SEND rate limits and abuse (embedded)', () => {
  test('a client flooding past the limit gets RATE_LIMITED, then ERROR and close 1008', async () => {
    const { roomId, conn } = await soloRoom();
    for (let i = 0; i < 60; i++) conn.send('/app/chat.send', { roomId, content: `flood ${i}` });
    const closed = await conn.closed.find(() => true);
    assert.equal(closed.code, 1008, 'policy violation');
    assert.equal(rateLimited(conn).length, REJECTIONS, 'per-request errors until the limit');
    assert.ok(
      conn.errors.items.some((e) => e.code === 'ERROR_FRAME' && /rate limited/i.test(String(e.message))),
      'an ERROR frame says why',
    );
  });

  test('a client slightly over the limit is refused some SENDs but stays connected', async () => {
    const { roomId, conn } = await soloRoom();
    // Twice the rate for 2 s: about RATE refusals, fewer than the abuse threshold.
    for (let i = 0; i < 4 * RATE; i++) {
      conn.send('/app/chat.send', { roomId, content: `eager ${i}` });
      await sleep(1000 / (2 * RATE));
    }
    await conn.errors.find((e) => e.code === 'RATE_LIMITED');
    // A round trip after the last SEND: the connection is open and every SEND was handled.
    await conn.subscribe(`/topic/room.${roomId}`);
    assert.ok(rateLimited(conn).length < REJECTIONS, `${rateLimited(conn).length} refusals`);
    assert.equal(conn.closed.items.length, 0, 'not disconnected');
    assert.ok(conn.client.connected);
  });
});
