import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createStompServer } from '../src/server.ts';
import type { DisconnectReason } from '../src/types.ts';
import {
  authenticateBearer,
  connectClient,
  deferred,
  RawClient,
  startServer,
  type TestServer,
} from './helpers.ts';

describe('protocol violations (raw sockets)', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer({ maxFrameBytes: 4096 });
  });
  after(() => server.close());

  const cases: Array<[string, string | Buffer, RegExp, number, boolean]> = [
    ['an unknown command', 'HELLO\n\n\0', /unknown command/, 1002, true],
    ['a header line without colon', 'SEND\ndestination\n\n\0', /missing colon/, 1002, true],
    [
      'a missing NUL after content-length',
      'SEND\ndestination:/a\ncontent-length:1\n\nab\0',
      /NUL/,
      1002,
      true,
    ],
    ['an oversize frame', `SEND\ndestination:/a\n\n${'x'.repeat(5000)}\0`, /too large/, 1009, true],
    ['SEND without destination', 'SEND\n\nbody\0', /requires a destination/, 1002, true],
    ['SUBSCRIBE without id', 'SUBSCRIBE\ndestination:/t\n\n\0', /requires a id/, 1002, true],
    ['a transaction', 'BEGIN\ntransaction:t1\n\n\0', /transactions are not supported/, 1002, true],
    ['a server command', 'MESSAGE\n\n\0', /server frame/, 1002, true],
    ['an undefined escape', 'SEND\ndestination:/a\\t\n\n\0', /undefined escape/, 1002, true],
    ['a frame before CONNECT', 'SEND\ndestination:/a\n\n\0', /expected CONNECT/, 1002, false],
  ];
  for (const [name, payload, message, code, connectFirst] of cases) {
    it(`answers ${name} with ERROR and closes`, async () => {
      const raw = await RawClient.open(server.url);
      if (connectFirst) await raw.connect();
      raw.send(payload);
      const error = await raw.next('ERROR');
      assert.match(error.headers.message ?? '', message);
      assert.equal((await raw.closed).code, code);
    });
  }

  it('echoes the receipt of the offending frame in ERROR', async () => {
    const raw = await RawClient.open(server.url);
    await raw.connect();
    raw.send('SUBSCRIBE\ndestination:/t\nid:1\nack:sometimes\nreceipt:77\n\n\0');
    const error = await raw.next('ERROR');
    assert.equal(error.headers['receipt-id'], '77');
    await raw.closed;
  });

  it('assembles a frame split across WebSocket messages and several frames in one', async () => {
    const raw = await RawClient.open(server.url);
    await raw.connect();
    raw.send('SUBSCRIBE\ndestinat');
    raw.send('ion:/t/split\nid:1\nrece');
    raw.send('ipt:a\n\n\0\nSEND\ndestination:/x\nreceipt:b\n\n\0SEND\ndestination:/x\nreceipt:c\n\n\0');
    assert.deepEqual(
      [
        (await raw.next()).headers['receipt-id'],
        (await raw.next()).headers['receipt-id'],
        (await raw.next()).headers['receipt-id'],
      ],
      ['a', 'b', 'c'],
    );
    assert.equal(server.stomp.subscriberCount('/t/split'), 1);
    raw.ws.close();
  });

  it('stays up for other clients after protocol errors', async () => {
    const { client } = await connectClient(server.url);
    const bad = await RawClient.open(server.url);
    bad.send('GARBAGE GARBAGE GARBAGE');
    await bad.closed;
    assert.ok(client.connected);
    const fresh = await connectClient(server.url);
    assert.equal(server.stomp.sessionCount, 2);
    await fresh.client.deactivate();
    await client.deactivate();
  });
});

describe('flow control', () => {
  it('cuts off a slow consumer instead of buffering without bound', async () => {
    const reasons: DisconnectReason[] = [];
    const server = await startServer({
      highWaterMarkBytes: 256 * 1024,
      onDisconnect: (_s, r) => reasons.push(r),
    });
    try {
      const fast = await RawClient.open(server.url);
      await fast.connect();
      fast.sendFrame({
        command: 'SUBSCRIBE',
        headers: { destination: '/topic/firehose', id: 'f', receipt: 'f' },
      });
      await fast.next('RECEIPT');
      const slow = await RawClient.open(server.url);
      await slow.connect();
      slow.sendFrame({
        command: 'SUBSCRIBE',
        headers: { destination: '/topic/firehose', id: 's', receipt: 's' },
      });
      await slow.next('RECEIPT');
      const socket = (slow.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
      socket.pause();
      const body = JSON.stringify({ data: 'x'.repeat(32 * 1024) });
      const session = [...server.stomp.sessions()][1];
      assert.ok(session);
      let published = 0;
      let peak = 0;
      let fastReceived = 0;
      fast.ws.on('message', () => fastReceived++);
      // One publish per event-loop turn, so the fast client (same process) keeps reading.
      while (server.stomp.subscriberCount('/topic/firehose') === 2 && published < 20_000) {
        server.stomp.publishLocal('/topic/firehose', body);
        peak = Math.max(peak, session.bufferedAmount);
        published++;
        await new Promise((resolve) => setImmediate(resolve));
      }
      assert.ok(fastReceived > 0);
      assert.equal(server.stomp.subscriberCount('/topic/firehose'), 1, 'slow consumer removed');
      assert.ok(peak <= 256 * 1024 + body.length + 1024, `buffered ${peak} bytes`);
      assert.deepEqual(reasons, ['slow-consumer']);
      assert.equal(server.stomp.sessionCount, 1);
      socket.resume();
      const error = await slow.next('ERROR');
      assert.equal(error.headers.message, 'slow consumer');
      assert.equal((await slow.closed).code, 1013);
      fast.ws.close();
    } finally {
      await server.close();
    }
  });

  it('processes frames of a session in order while a hook is pending, pausing intake', async () => {
    const calls = Array.from({ length: 6 }, () => deferred<() => void>());
    const seen: string[] = [];
    const server = await startServer({
      maxPendingFrames: 2,
      onSend: (_s, _d, body) => {
        const gate = deferred();
        calls[seen.length]?.resolve(gate.resolve);
        seen.push(body.toString());
        return gate.promise;
      },
    });
    try {
      const raw = await RawClient.open(server.url);
      await raw.connect();
      for (let i = 0; i < 6; i++) {
        raw.sendFrame({
          command: 'SEND',
          headers: { destination: '/app/x', receipt: `r${i}` },
          body: `m${i}`,
        });
      }
      for (let i = 0; i < 6; i++) {
        const release = await (calls[i] as (typeof calls)[number]).promise;
        assert.equal(seen.length, i + 1, 'one hook at a time');
        release();
        assert.equal((await raw.next()).headers['receipt-id'], `r${i}`);
      }
      assert.deepEqual(seen, ['m0', 'm1', 'm2', 'm3', 'm4', 'm5']);
      raw.ws.close();
    } finally {
      await server.close();
    }
  });
});

describe('server lifecycle', () => {
  it('shuts down gracefully: ERROR and close 1012 to every client, then refuses upgrades', async () => {
    const server = await startServer();
    const { client, errors, closed } = await connectClient(server.url);
    const closing = server.stomp.close({ timeoutMs: 1000 });
    await assert.rejects(RawClient.open(server.url), /503/);
    await closing;
    assert.equal(await closed, 1012);
    assert.equal(client.connected, false);
    assert.equal(errors[0]?.headers.message, 'server shutting down');
    server.http.closeAllConnections();
    server.http.close();
  });

  it('works with noServer: the application routes upgrades itself', async () => {
    const http = createServer();
    const stomp = createStompServer({ authenticate: authenticateBearer });
    http.on('upgrade', (req, socket, head) => {
      if (req.url === '/custom/stomp') stomp.handleUpgrade(req, socket, head);
      else socket.destroy();
    });
    http.listen(0, '127.0.0.1');
    await once(http, 'listening');
    const { port } = http.address() as AddressInfo;
    try {
      const { client } = await connectClient(`ws://127.0.0.1:${port}/custom/stomp`);
      assert.equal(stomp.sessionCount, 1);
      await client.deactivate();
    } finally {
      await stomp.close();
      http.close();
    }
  });

  it('refuses upgrades on other paths when it is the only upgrade listener', async () => {
    const server = await startServer();
    try {
      await assert.rejects(RawClient.open(server.url.replace('/ws', '/other')), /404/);
    } finally {
      await server.close();
    }
  });
});
