// The gateway in its own process role (SERVICES=gateway) in front of stand-in upstreams: what
// it forwards, how it balances and fails over, and what it refuses itself.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from '@chat/testing';
import { WebSocket } from 'ws';
import { deadUpstreamUrl, type FakeUpstream, LARGE, startFakeUpstream } from './fake-upstream.ts';

/** Sends raw bytes and returns everything the server answers before it closes. */
async function rawRequest(url: string, bytes: string): Promise<string> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  await once(socket, 'connect');
  socket.write(bytes);
  let answer = '';
  socket.on('data', (d: Buffer) => {
    answer += d.toString();
  });
  await once(socket, 'close');
  return answer;
}

describe('gateway proxying to upstream instances', () => {
  let a: FakeUpstream;
  let b: FakeUpstream;
  let dead: string;
  let gateway: TestServer;

  before(async () => {
    [a, b, dead] = await Promise.all([startFakeUpstream('a'), startFakeUpstream('b'), deadUpstreamUrl()]);
    gateway = await startTestServer({
      env: {
        SERVICES: 'gateway',
        USERS_UPSTREAMS: `${a.url},${b.url}`,
        CHAT_UPSTREAMS: `${dead},${a.url}`,
        AUTH_UPSTREAMS: dead,
        GATEWAY_UPSTREAM_TIMEOUT_MS: '400',
        GATEWAY_EJECT_MS: '60000',
        HTTP_BODY_LIMIT: '2048',
        GATEWAY_LIMIT_USERS: '1000/1000',
        GATEWAY_LIMIT_CHAT: '1000/1000',
        GATEWAY_LIMIT_AUTH: '1000/1000',
      },
    });
  });
  after(async () => {
    await gateway?.stop();
    await Promise.all([a?.close(), b?.close()]);
  });

  test('forwards method, path, query and body bytes, with the request id and the real client address', async () => {
    a.received.length = 0;
    b.received.length = 0;
    const body = '{"nickname":"새 이름","bio":"x"}';
    const res = await gateway.api.request('PATCH', '/api/users/me?x=1&y=%20', undefined, {
      raw: body,
      headers: { 'x-forwarded-for': '6.6.6.6', 'x-request-id': 'edge-req-1' },
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-request-id'), 'edge-req-1');
    const got = [...a.received, ...b.received];
    assert.equal(got.length, 1);
    const [seen] = got;
    assert.equal(seen?.method, 'PATCH');
    assert.equal(seen?.url, '/api/users/me?x=1&y=%20');
    assert.equal(seen?.body.toString(), body, 'the body arrives byte for byte');
    assert.equal(seen?.headers['x-request-id'], 'edge-req-1');
    // TRUST_PROXY is off: the client's own X-Forwarded-For is dropped, the socket address used.
    assert.equal(seen?.headers['x-forwarded-for'], '127.0.0.1');
    assert.equal(res.body.url, '/api/users/me?x=1&y=%20');
  });

  test('behind one trusted proxy it passes on the trusted chain only, client first', async () => {
    const g = await startTestServer({
      env: { SERVICES: 'gateway', USERS_UPSTREAMS: a.url, TRUST_PROXY: '1' },
    });
    try {
      a.received.length = 0;
      await g.api.get('/api/users/me', { headers: { 'x-forwarded-for': '6.6.6.6, 1.2.3.4' } });
      assert.equal(a.received[0]?.headers['x-forwarded-for'], '1.2.3.4, 127.0.0.1');
    } finally {
      await g.stop();
    }
  });

  test('large answers stream through byte for byte; HEAD keeps the length without a body', async () => {
    const big = await startFakeUpstream('big');
    big.mode = 'large';
    const g = await startTestServer({ env: { SERVICES: 'gateway', USERS_UPSTREAMS: big.url } });
    try {
      const res = await fetch(`${g.url}/api/users/me`);
      assert.equal(res.status, 200);
      assert.ok(Buffer.from(await res.arrayBuffer()).equals(LARGE));
      const head = await fetch(`${g.url}/api/users/me`, { method: 'HEAD' });
      assert.equal(head.status, 200);
      assert.equal(head.headers.get('content-length'), String(LARGE.length));
      assert.equal((await head.arrayBuffer()).byteLength, 0);
    } finally {
      await g.stop();
      await big.close();
    }
  });

  test('spreads requests over the instances of a service', async () => {
    const answered = new Set<string>();
    for (let i = 0; i < 4; i++) {
      const res = await gateway.api.get('/api/users/me');
      assert.equal(res.status, 200);
      answered.add(res.body.upstream);
    }
    assert.deepEqual(answered, new Set(['a', 'b']));
  });

  test('an idempotent request goes to the next instance when one is down, which is then left out', async () => {
    a.received.length = 0;
    for (let i = 0; i < 4; i++) {
      const res = await gateway.api.get('/api/rooms');
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.upstream, 'a');
    }
    assert.equal(a.received.length, 4);
  });

  test('a request that is not idempotent is not sent twice: 503 with Retry-After when its instance is down', async () => {
    const res = await gateway.api.post('/api/auth/login', { email: 'x@example.com', password: 'password1' });
    assert.equal(res.status, 503);
    assert.equal(res.body.error, 'SERVICE_UNAVAILABLE');
    assert.ok(Number(res.headers.get('retry-after')) >= 1);
    const again = await gateway.api.get('/api/auth/me');
    assert.equal(again.status, 503, 'a service with no instance answering is 503 on every method');
  });

  test('health shows a group with no instance in service as DEGRADED, the gateway UP and ready', async () => {
    await gateway.api.get('/api/auth/me');
    const health = await gateway.api.get('/actuator/health');
    assert.equal(health.status, 200);
    assert.equal(health.body.status, 'UP');
    assert.deepEqual(health.body.components.upstreams, {
      status: 'DEGRADED',
      details: { adapter: 'gateway' },
    });
    assert.equal((await gateway.api.get('/actuator/health/readiness')).status, 200);
  });

  test('an upstream that does not answer gives 503 within the upstream timeout, never a hang', async () => {
    const slow = await startFakeUpstream('slow');
    const g = await startTestServer({
      env: { SERVICES: 'gateway', USERS_UPSTREAMS: slow.url, GATEWAY_UPSTREAM_TIMEOUT_MS: '300' },
    });
    try {
      slow.mode = 'hang';
      const started = Date.now();
      const res = await g.api.get('/api/users/me');
      assert.equal(res.status, 503);
      assert.ok(res.headers.get('retry-after'));
      assert.ok(Date.now() - started < 3000, `answered after ${Date.now() - started} ms`);
    } finally {
      await g.stop();
      await slow.close();
    }
  });

  test("a draining node's 503 counts as its failure (GETs move on); a dependency's 503 does not", async () => {
    const draining = await startFakeUpstream('draining');
    const healthy = await startFakeUpstream('healthy');
    const g = await startTestServer({
      env: { SERVICES: 'gateway', USERS_UPSTREAMS: `${draining.url},${healthy.url}` },
    });
    try {
      draining.mode = 'draining';
      for (let i = 0; i < 3; i++) {
        const res = await g.api.get('/api/users/me');
        assert.equal(res.status, 200);
        assert.equal(res.body.upstream, 'healthy');
      }
      assert.equal(draining.received.length, 1, 'tried once, then left out');

      // A plain 503 is a healthy node whose own dependency is down: passed on, nobody ejected.
      draining.mode = 'echo';
      healthy.mode = 503;
      const g2 = await startTestServer({
        env: { SERVICES: 'gateway', USERS_UPSTREAMS: `${draining.url},${healthy.url}` },
      });
      try {
        const statuses = [];
        for (let i = 0; i < 4; i++) statuses.push((await g2.api.get('/api/users/me')).status);
        assert.deepEqual(statuses.sort(), [200, 200, 503, 503]);
      } finally {
        await g2.stop();
      }
    } finally {
      await g.stop();
      await Promise.all([draining.close(), healthy.close()]);
    }
  });

  test('unknown routes, and groups with no service anywhere, get the contract 404 from the gateway', async () => {
    for (const path of ['/api/nothing', '/api/batch/jobs', '/api/roomsx']) {
      const res = await gateway.api.get(path);
      assert.equal(res.status, 404, path);
      assert.equal(res.body.error, 'NOT_FOUND');
    }
  });

  test('an oversized body is refused at the gateway and never reaches the service', async () => {
    a.received.length = 0;
    b.received.length = 0;
    const res = await gateway.api.request('PATCH', '/api/users/me', undefined, { raw: 'x'.repeat(4096) });
    assert.equal(res.status, 413);
    assert.equal(res.body.error, 'PAYLOAD_TOO_LARGE');
    assert.equal(a.received.length + b.received.length, 0);
  });

  test('an upload (multipart) streams through past the body limit, byte for byte', async () => {
    a.received.length = 0;
    b.received.length = 0;
    const file = Buffer.alloc(300_000, 7);
    const form = new FormData();
    form.append('file', new Blob([file]), '사진.jpg');
    const small = new FormData();
    small.append('file', new Blob([Buffer.alloc(100, 7)]), 'a.txt');
    const elsewhere = await fetch(`${gateway.url}/api/users/me`, { method: 'POST', body: small });
    assert.equal(elsewhere.status, 400, 'multipart only where uploads go');
    const res = await fetch(`${gateway.url}/api/rooms/7/attachments`, { method: 'POST', body: form });
    assert.equal(res.status, 200, await res.clone().text());
    const [got] = [...a.received, ...b.received];
    assert.ok(got, 'it reached an instance');
    assert.match(String(got.headers['content-type']), /^multipart\/form-data; boundary=/);
    assert.ok(got.body.includes(file), 'the file arrived whole');
  });

  test('request smuggling is refused: Content-Length with Transfer-Encoding, and two Host headers', async () => {
    a.received.length = 0;
    b.received.length = 0;
    const both = await rawRequest(
      gateway.url,
      'POST /api/users/me HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    );
    assert.match(both, /^HTTP\/1\.1 400/);
    const hosts = await rawRequest(gateway.url, 'GET /api/users/me HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n');
    assert.match(hosts, /^HTTP\/1\.1 400/);
    assert.equal(a.received.length + b.received.length, 0);
  });

  test('WebSocket upgrades are proxied to a live instance, messages flowing both ways intact', async () => {
    const url = `${gateway.url.replace('http', 'ws')}/ws`;
    const ws = new WebSocket(url, { headers: { 'x-forwarded-for': '6.6.6.6' } });
    const messages: string[] = [];
    const big = 'z'.repeat(512 * 1024);
    const gotBig = new Promise<void>((resolve) => {
      ws.on('message', (data) => {
        const text = data.toString();
        messages.push(text.length > 100 ? `big:${text.length}` : text);
        if (text === big) resolve();
      });
    });
    await once(ws, 'open');
    ws.send('ping');
    ws.send(big);
    await gotBig;
    ws.close();
    assert.deepEqual(messages, ['hello from a for 127.0.0.1', 'ping', `big:${big.length}`]);
  });

  test('a gateway that stops cuts its proxied WebSockets at once, so clients reconnect elsewhere', async () => {
    const g = await startTestServer({ env: { SERVICES: 'gateway', CHAT_UPSTREAMS: a.url } });
    const ws = new WebSocket(`${g.url.replace('http', 'ws')}/ws`);
    await once(ws, 'message');
    // Without the cut, stop() would wait for the socket until the drain deadline.
    const closed = once(ws, 'close', { signal: AbortSignal.timeout(5000) });
    await Promise.race([g.stop(), closed]);
    await closed;
    await g.stop();
  });

  test('an upgrade with no instance answering gets 503 with Retry-After', async () => {
    const g = await startTestServer({ env: { SERVICES: 'gateway', CHAT_UPSTREAMS: dead } });
    try {
      const ws = new WebSocket(`${g.url.replace('http', 'ws')}/ws`);
      const [, res] = (await once(ws, 'unexpected-response')) as [
        unknown,
        { statusCode: number; headers: Record<string, string> },
      ];
      assert.equal(res.statusCode, 503);
      assert.ok(Number(res.headers['retry-after']) >= 1);
    } finally {
      await g.stop();
    }
  });
});
