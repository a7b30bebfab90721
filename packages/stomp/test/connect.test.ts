import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Versions } from '@stomp/stompjs';
import { MAX_HEARTBEAT_MS, negotiateHeartbeat, negotiateVersion, pickSubprotocol } from '../src/negotiate.ts';
import type { DisconnectReason } from '../src/types.ts';
import { connectClient, deferred, RawClient, startServer, type TestServer } from './helpers.ts';

describe('negotiation', () => {
  it('picks the highest common version; no accept-version means 1.0', () => {
    assert.equal(negotiateVersion('1.0,1.1,1.2', ['1.2', '1.1', '1.0']), '1.2');
    assert.equal(negotiateVersion('1.1, 1.0', ['1.2', '1.1', '1.0']), '1.1');
    assert.equal(negotiateVersion(undefined, ['1.2', '1.1', '1.0']), '1.0');
    assert.equal(negotiateVersion('2.0', ['1.2', '1.1', '1.0']), null);
    assert.equal(negotiateVersion('1.0', ['1.2']), null);
  });

  it('picks the best offered subprotocol', () => {
    assert.equal(pickSubprotocol(new Set(['v10.stomp', 'v12.stomp']), ['1.2', '1.1', '1.0']), 'v12.stomp');
    assert.equal(pickSubprotocol(new Set(['v11.stomp']), ['1.2', '1.1', '1.0']), 'v11.stomp');
    assert.equal(pickSubprotocol(new Set(['mqtt']), ['1.2']), false);
  });

  it('negotiates heart-beats as the spec says', () => {
    assert.deepEqual(negotiateHeartbeat('4000,20000', 10000, 10000), { sendMs: 20000, receiveMs: 10000 });
    assert.deepEqual(negotiateHeartbeat('0,5000', 10000, 10000), { sendMs: 10000, receiveMs: 0 });
    assert.deepEqual(negotiateHeartbeat('5000,0', 10000, 0), { sendMs: 0, receiveMs: 0 });
    assert.deepEqual(negotiateHeartbeat(undefined, 10000, 10000), { sendMs: 0, receiveMs: 0 });
    assert.throws(() => negotiateHeartbeat('fast', 1, 1), /invalid heart-beat/);
  });

  it('accepts heart-beat values of any length, clamping huge ones to "as slow as you like"', () => {
    assert.deepEqual(negotiateHeartbeat('1234567890,10000000000', 10000, 10000), {
      sendMs: MAX_HEARTBEAT_MS,
      receiveMs: 1234567890,
    });
    assert.deepEqual(negotiateHeartbeat('99999999999999999999999999,0', 10000, 10000), {
      sendMs: 0,
      receiveMs: MAX_HEARTBEAT_MS,
    });
    assert.deepEqual(negotiateHeartbeat('0000000000005000,000', 10000, 10000), {
      sendMs: 0,
      receiveMs: 10000,
    });
  });
});

describe('CONNECT', () => {
  let server: TestServer;
  const reasons: DisconnectReason[] = [];
  before(async () => {
    server = await startServer({ onDisconnect: (_s, reason) => reasons.push(reason) });
  });
  after(() => server.close());

  it('accepts a stompjs client with an Authorization header', async () => {
    const { client, connected } = await connectClient(server.url);
    assert.equal(connected.headers.version, '1.2');
    assert.equal(connected.headers['heart-beat'], '10000,10000');
    assert.ok(connected.headers.session);
    const [session] = [...server.stomp.sessions()];
    assert.equal(session?.principal.user, 'alice');
    assert.equal(session?.id, connected.headers.session);
    assert.equal(session?.version, '1.2');
    await client.deactivate();
    assert.equal(server.stomp.sessionCount, 0);
    assert.equal(reasons.at(-1), 'client-disconnect');
  });

  it('answers a bad token with ERROR and closes', async () => {
    await assert.rejects(
      connectClient(server.url, {}, 'bad'),
      (err: Error & { frame?: { headers: Record<string, string> } }) => {
        assert.equal(err.frame?.headers.message, 'invalid token');
        return true;
      },
    );
    const raw = await RawClient.open(server.url);
    raw.sendFrame({ command: 'CONNECT', headers: { 'accept-version': '1.2' } });
    const error = await raw.next();
    assert.equal(error.command, 'ERROR');
    assert.equal(error.headers.message, 'invalid token');
    assert.equal((await raw.closed).code, 1008);
    assert.equal(server.stomp.sessionCount, 0);
  });

  it('hides unexpected authenticate failures behind a generic message', async () => {
    const local = await startServer({
      authenticate: () => {
        throw new Error('db down: secret detail');
      },
    });
    try {
      const raw = await RawClient.open(local.url);
      raw.sendFrame({ command: 'STOMP', headers: { 'accept-version': '1.2' } });
      assert.equal((await raw.next('ERROR')).headers.message, 'authentication failed');
      await raw.closed;
    } finally {
      await local.close();
    }
  });

  it('queues frames sent while authentication is pending', async () => {
    const gate = deferred();
    const delivered: string[] = [];
    const local = await startServer({
      authenticate: async () => {
        await gate.promise;
        return { user: 'bob' };
      },
      onSend: (_s, destination) => {
        delivered.push(destination);
      },
    });
    try {
      const raw = await RawClient.open(local.url);
      raw.sendFrame({ command: 'CONNECT', headers: { 'accept-version': '1.2' } });
      raw.sendFrame({ command: 'SEND', headers: { destination: '/app/a', receipt: 'r1' } });
      raw.sendFrame({ command: 'SEND', headers: { destination: '/app/b', receipt: 'r2' } });
      gate.resolve();
      assert.equal((await raw.next()).command, 'CONNECTED');
      assert.equal((await raw.next()).headers['receipt-id'], 'r1');
      assert.equal((await raw.next()).headers['receipt-id'], 'r2');
      assert.deepEqual(delivered, ['/app/a', '/app/b']);
      raw.ws.close();
    } finally {
      await local.close();
    }
  });

  for (const [version, protocol] of [
    ['1.1', 'v11.stomp'],
    ['1.0', 'v10.stomp'],
  ] as const) {
    it(`negotiates STOMP ${version} over the ${protocol} subprotocol`, async () => {
      const { client, connected } = await connectClient(server.url, {
        stompVersions: new Versions([version]),
      });
      assert.equal(connected.headers.version, version);
      assert.equal(connected.headers['heart-beat'], version === '1.0' ? undefined : '10000,10000');
      const ws = client.webSocket as unknown as { protocol: string };
      assert.equal(ws.protocol, protocol);
      const received = deferred<string>();
      client.subscribe('/topic/v', (m) => received.resolve(m.body), { receipt: 'sub' });
      await new Promise<void>((resolve) => client.watchForReceipt('sub', () => resolve()));
      assert.equal(server.stomp.publishLocal('/topic/v', '{"v":1}'), 1);
      assert.equal(await received.promise, '{"v":1}');
      await client.deactivate();
    });
  }

  it('answers ERROR with the supported versions when there is none in common', async () => {
    const raw = await RawClient.open(server.url);
    raw.sendFrame({ command: 'CONNECT', headers: { 'accept-version': '2.0,3.0' } });
    const error = await raw.next();
    assert.equal(error.command, 'ERROR');
    assert.equal(error.headers.version, '1.2,1.1,1.0');
    assert.equal((await raw.closed).code, 1002);
  });

  it('closes a socket that never sends CONNECT', async () => {
    const local = await startServer({ connectTimeoutMs: 50, tickMs: 10 });
    try {
      const raw = await RawClient.open(local.url);
      assert.equal((await raw.next()).headers.message, 'CONNECT timeout');
      assert.equal((await raw.closed).code, 1008);
    } finally {
      await local.close();
    }
  });
});

describe('heart-beats', () => {
  let server: TestServer;
  const reasons: DisconnectReason[] = [];
  before(async () => {
    server = await startServer({
      heartbeat: { outgoingMs: 40, incomingMs: 40, silenceMultiplier: 3 },
      onDisconnect: (_s, reason) => reasons.push(reason),
    });
  });
  after(() => server.close());

  it('sends heart-beats at the negotiated interval and keeps a beating client', async () => {
    let beats = 0;
    const enough = deferred();
    const { client, connected } = await connectClient(server.url, {
      heartbeatIncoming: 60,
      heartbeatOutgoing: 60,
      onHeartbeatReceived: () => {
        if (++beats === 8) enough.resolve();
      },
    });
    assert.equal(connected.headers['heart-beat'], '40,40');
    const started = Date.now();
    await enough.promise;
    const elapsed = Date.now() - started;
    // 8 beats at max(40, 60) = 60 ms: well past 3 x 60 ms of client silence tolerance.
    assert.ok(elapsed >= 7 * 50, `8 heart-beats came too fast (${elapsed} ms)`);
    assert.ok(client.connected);
    assert.equal(server.stomp.sessionCount, 1);
    await client.deactivate();
  });

  it('closes a connection silent for 3 negotiated intervals', async () => {
    const raw = await RawClient.open(server.url);
    const started = Date.now();
    const connected = await raw.connect({ 'heart-beat': '50,0' });
    assert.equal(connected.headers['heart-beat'], '40,40');
    const error = await raw.next('ERROR');
    assert.equal(error.headers.message, 'heart-beat timeout');
    const { code } = await raw.closed;
    assert.equal(code, 4000);
    assert.ok(Date.now() - started >= 150, 'closed before 3 x 50 ms of silence');
    assert.equal(raw.heartbeats, 0, 'client asked for no heart-beats (cy = 0)');
    assert.equal(reasons.at(-1), 'heartbeat-timeout');
  });

  it('does not check a client that offers no heart-beats', async () => {
    const raw = await RawClient.open(server.url);
    await raw.connect({ 'heart-beat': '0,40' });
    await raw.waitHeartbeats(10);
    assert.equal(raw.ws.readyState, raw.ws.OPEN);
    raw.ws.close();
  });
});

describe('idle connections without heart-beats', () => {
  it('closes a connection that negotiated heart-beats off once idle for maxIdleMs', {
    timeout: 5000,
  }, async () => {
    const local = await startServer({ heartbeat: { outgoingMs: 0, incomingMs: 0 }, maxIdleMs: 150 });
    try {
      for (const headers of [{ 'heart-beat': '0,0' }, {}] as Record<string, string>[]) {
        const raw = await RawClient.open(local.url);
        const started = Date.now();
        await raw.connect(headers);
        const error = await raw.next('ERROR');
        assert.equal(error.headers.message, 'idle timeout');
        assert.equal((await raw.closed).code, 4000);
        assert.ok(Date.now() - started >= 150, 'closed before maxIdleMs');
      }
    } finally {
      await local.close();
    }
  });
});

describe('graceful drain on close', () => {
  it('finishes the SEND in progress and writes its RECEIPT before closing with 1012', {
    timeout: 5000,
  }, async () => {
    const appending = deferred();
    const appended = deferred();
    const handled: string[] = [];
    const local = await startServer({
      async onSend(_session, _destination, body) {
        appending.resolve();
        await appended.promise;
        handled.push(body.toString());
      },
    });
    const raw = await RawClient.open(local.url);
    await raw.connect();
    raw.sendFrame({ command: 'SEND', headers: { destination: '/app/x', receipt: 'r1' }, body: 'first' });
    raw.sendFrame({ command: 'SEND', headers: { destination: '/app/x', receipt: 'r2' }, body: 'queued' });
    await appending.promise;
    const closing = local.stomp.close({ timeoutMs: 1000 });
    raw.sendFrame({ command: 'SEND', headers: { destination: '/app/x', receipt: 'r3' }, body: 'late' });
    appended.resolve();
    await closing;
    const frames: string[] = [];
    for (;;) {
      const frame = await raw.next().catch(() => undefined);
      if (frame === undefined) break;
      frames.push(frame.command === 'RECEIPT' ? `RECEIPT ${frame.headers['receipt-id']}` : frame.command);
    }
    assert.deepEqual(frames, ['RECEIPT r1', 'ERROR'], 'the SEND in progress got its RECEIPT, the rest none');
    assert.deepEqual(handled, ['first'], 'frames not yet started were dropped, not handled');
    assert.equal((await raw.closed).code, 1012);
    local.http.closeAllConnections();
    await new Promise<void>((resolve) => local.http.close(() => resolve()));
  });
});

describe('onConnect and onDisconnect', () => {
  it('come in pairs, and a socket that closes while authenticate runs gets neither', async () => {
    const events: string[] = [];
    const checking = deferred();
    const release = deferred();
    const server = await startServer({
      async authenticate(frame) {
        if (frame.headers.slow === 'yes') {
          checking.resolve();
          await release.promise;
        }
        return { user: 'alice' };
      },
      onConnect: (session) => {
        events.push(`connect ${session.id}`);
      },
      onDisconnect: (session) => events.push(`disconnect ${session.id}`),
    });
    try {
      const slow = await RawClient.open(server.url);
      slow.sendFrame({ command: 'CONNECT', headers: { 'accept-version': '1.2', slow: 'yes' } });
      await checking.promise;
      slow.ws.close();
      await slow.closed;
      release.resolve();

      const { client, connected } = await connectClient(server.url);
      const id = connected.headers.session;
      assert.deepEqual(events, [`connect ${id}`]);
      await client.deactivate();
      // onDisconnect runs in a microtask after the close starts.
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(events, [`connect ${id}`, `disconnect ${id}`]);
      assert.equal(server.stomp.sessionCount, 0);
    } finally {
      await server.close();
    }
  });
});
