import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { WebSocket } from 'ws';
import { api, signup, startTestServer, type TestServer } from './harness.ts';
import { connectStomp, type TestStomp } from './stomp-client.ts';

const SHORT_MS = 400;

/** Resolves with how long the server took to close `socket` (a plain TCP socket). */
async function closedAfter(socket: { once(event: 'close', cb: () => void): unknown }, started: number) {
  await new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return Date.now() - started;
}

function wsUrl(srv: TestServer): string {
  return `${srv.url.replace(/^http/, 'ws')}/ws`;
}

describe('STOMP limits and handshake timeouts', () => {
  let srv: TestServer;
  const clients: TestStomp[] = [];
  before(async () => {
    srv = await startTestServer({
      HTTP_IDLE_TIMEOUT_MS: String(SHORT_MS),
      HTTP_HEADERS_TIMEOUT_MS: String(SHORT_MS),
      STOMP_CONNECT_TIMEOUT_MS: String(SHORT_MS),
      STOMP_MAX_IDLE_MS: String(SHORT_MS),
      STOMP_MAX_SUBSCRIPTIONS: '3',
    });
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await srv?.stop();
  });

  test('a TCP connection that never sends a request is closed within the idle timeout', {
    timeout: 10_000,
  }, async () => {
    const { port } = new URL(srv.url);
    const socket = connect(Number(port), '127.0.0.1');
    await once(socket, 'connect');
    const ms = await closedAfter(socket, Date.now());
    assert.ok(ms < SHORT_MS + 2000, `closed after ${ms} ms`);
  });

  test('a TCP connection that stops half-way through its request headers is closed', {
    timeout: 10_000,
  }, async () => {
    const { port } = new URL(srv.url);
    const socket = connect(Number(port), '127.0.0.1');
    await once(socket, 'connect');
    socket.write('GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n');
    const ms = await closedAfter(socket, Date.now());
    assert.ok(ms < SHORT_MS + 2000, `closed after ${ms} ms`);
  });

  test('a WebSocket that never sends CONNECT is closed', { timeout: 10_000 }, async () => {
    const ws = new WebSocket(wsUrl(srv), ['v12.stomp']);
    await once(ws, 'open');
    const started = Date.now();
    const [code] = (await once(ws, 'close')) as [number];
    assert.equal(code, 1008);
    assert.ok(Date.now() - started < SHORT_MS + 2000);
  });

  test('a connection with heart-beats off is closed once idle for STOMP_MAX_IDLE_MS', {
    timeout: 10_000,
  }, async () => {
    const user = await signup(srv.url, 'idle');
    const ws = new WebSocket(wsUrl(srv), ['v12.stomp']);
    await once(ws, 'open');
    const frames: string[] = [];
    ws.on('message', (data: Buffer) => frames.push(data.toString().split('\n')[0] ?? ''));
    ws.send(`CONNECT\naccept-version:1.2\nAuthorization:Bearer ${user.token}\nheart-beat:0,0\n\n\0`);
    const [code] = (await once(ws, 'close')) as [number];
    assert.deepEqual(frames, ['CONNECTED', 'ERROR']);
    assert.equal(code, 4000);
  });

  test('the 21st connection of one user is refused with ERROR', { timeout: 10_000 }, async () => {
    const user = await signup(srv.url, 'many');
    for (let i = 0; i < 20; i++) clients.push(await connectStomp(srv.url, user.token, { heartbeatMs: 1000 }));
    await assert.rejects(connectStomp(srv.url, user.token, { heartbeatMs: 1000 }), /STOMP ERROR: At most 20/);
    await clients.pop()?.close();
    clients.push(await connectStomp(srv.url, user.token, { heartbeatMs: 1000 }));
  });

  test('subscriptions per session are capped', { timeout: 10_000 }, async () => {
    const [a, b] = [await signup(srv.url, 'A'), await signup(srv.url, 'B')];
    const res = await api<{ id: number }>(srv.url, 'POST', '/api/rooms/group', a.token, {
      name: 'cap',
      memberIds: [b.userId],
    });
    const roomId = res.body.id;
    const cb = await connectStomp(srv.url, b.token, { heartbeatMs: 1000 });
    clients.push(cb);
    // The error queue is the first of the three.
    await cb.subscribe(`/topic/room.${roomId}`);
    await cb.subscribe(`/topic/room.${roomId}.typing`);
    await assert.rejects(cb.subscribe(`/topic/room.${roomId}.receipts`), { code: 'TOO_MANY_SUBSCRIPTIONS' });
    assert.ok(cb.client.connected);
  });
});
