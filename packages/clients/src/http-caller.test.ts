import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { after, before, beforeEach, describe, test } from 'node:test';
import { isAppError, withRequestId } from '@chat/platform';
import { createHttpCaller } from './http-caller.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

describe('http caller', () => {
  let server: Server;
  let baseUrl: string;
  let handler: Handler;
  let hits: number;
  before(async () => {
    server = createServer((req, res) => {
      hits += 1;
      handler(req, res);
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const address = server.address();
    baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });
  beforeEach(() => {
    hits = 0;
  });

  const json =
    (status: number, body: unknown): Handler =>
    (_req, res) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
  const unavailable = (err: unknown) => isAppError(err) && err.code === 'SERVICE_UNAVAILABLE';

  test('sends headers, query and JSON body; 4xx are answers, not failures', async () => {
    let seen: { url?: string; token?: string; body?: string } = {};
    handler = (req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        seen = { url: req.url, token: req.headers['x-token'] as string, body };
        json(409, { error: 'CONFLICT', message: 'taken' })(req, res);
      });
    };
    const caller = createHttpCaller({ name: 't', baseUrl, headers: { 'x-token': 'k' }, retryDelayMs: 1 });
    const res = await caller.call({
      method: 'POST',
      path: '/a',
      query: { q: 'x y' },
      body: { n: 1 },
      idempotent: true,
    });
    assert.deepEqual(res, { status: 409, body: { error: 'CONFLICT', message: 'taken' } });
    assert.deepEqual(seen, { url: '/a?q=x+y', token: 'k', body: '{"n":1}' });
    assert.equal(hits, 1, '4xx is not retried');
  });

  test('a call made inside a request sends its id as X-Request-Id, on every attempt', async () => {
    const ids: (string | undefined)[] = [];
    handler = (req, res) => {
      ids.push(req.headers['x-request-id'] as string | undefined);
      (hits < 2 ? json(503, {}) : json(200, {}))(req, res);
    };
    const caller = createHttpCaller({ name: 't', baseUrl, retries: 1, retryDelayMs: 1 });
    const call = () => caller.call({ method: 'GET', path: '/', idempotent: true });
    await withRequestId('trace-call-1', call);
    assert.deepEqual(ids, ['trace-call-1', 'trace-call-1'], 'the retry carries it too');
    ids.length = 0;
    hits = 2;
    await call();
    assert.deepEqual(ids, [undefined], 'outside a request: no header');
  });

  test('concurrent calls of different requests each send their own id', async () => {
    const ids: string[] = [];
    handler = (req, res) => {
      ids.push(req.headers['x-request-id'] as string);
      json(200, {})(req, res);
    };
    const caller = createHttpCaller({ name: 't', baseUrl });
    await Promise.all(
      ['trace-a', 'trace-b', 'trace-c'].map((id) =>
        withRequestId(id, () => caller.call({ method: 'POST', path: '/', body: {}, idempotent: false })),
      ),
    );
    assert.deepEqual(ids.sort(), ['trace-a', 'trace-b', 'trace-c']);
  });

  test('idempotent calls are retried after 5xx; the third attempt succeeds', async () => {
    handler = (req, res) => (hits < 3 ? json(503, {})(req, res) : json(200, { ok: true })(req, res));
    const caller = createHttpCaller({ name: 't', baseUrl, retries: 2, retryDelayMs: 1 });
    assert.deepEqual((await caller.call({ method: 'GET', path: '/', idempotent: true })).body, { ok: true });
    assert.equal(hits, 3);
  });

  test('non-idempotent calls are not retried', async () => {
    handler = json(500, {});
    const caller = createHttpCaller({ name: 't', baseUrl, retries: 2, retryDelayMs: 1 });
    await assert.rejects(
      caller.call({ method: 'POST', path: '/', body: {}, idempotent: false }),
      unavailable,
    );
    assert.equal(hits, 1);
  });

  test('each attempt has a timeout', async () => {
    handler = (_req, res) => setTimeout(() => res.end('{}'), 1000);
    const caller = createHttpCaller({ name: 't', baseUrl, timeoutMs: 50, retries: 1, retryDelayMs: 1 });
    const started = Date.now();
    await assert.rejects(
      caller.call({ method: 'GET', path: '/', idempotent: true }),
      (err) => unavailable(err) && /timed out/.test((err as Error).message),
    );
    assert.ok(Date.now() - started < 900);
    assert.equal(hits, 2);
  });

  test('an unreachable target is SERVICE_UNAVAILABLE', async () => {
    const caller = createHttpCaller({ name: 't', baseUrl: 'http://127.0.0.1:1', retries: 0 });
    await assert.rejects(caller.call({ method: 'GET', path: '/', idempotent: true }), unavailable);
  });

  test('the circuit opens after repeated failures and then fails fast without calling', async () => {
    handler = json(503, {});
    const caller = createHttpCaller({
      name: 't',
      baseUrl,
      retries: 0,
      breaker: { volumeThreshold: 3, errorThresholdPercentage: 50, resetTimeoutMs: 60_000 },
    });
    for (let i = 0; i < 3; i++)
      await assert.rejects(caller.call({ method: 'GET', path: '/', idempotent: true }), unavailable);
    assert.equal(caller.state(), 'open');
    const before = hits;
    await assert.rejects(
      caller.call({ method: 'GET', path: '/', idempotent: true }),
      (err) => unavailable(err) && /circuit open/.test((err as Error).message),
    );
    assert.equal(hits, before, 'no request while open');
    caller.breaker.shutdown();
  });

  test('an open circuit lets one trial through after its reset timeout; a success closes it', async () => {
    handler = json(503, {});
    const caller = createHttpCaller({
      name: 't',
      baseUrl,
      retries: 0,
      breaker: { volumeThreshold: 1, errorThresholdPercentage: 50, resetTimeoutMs: 50 },
    });
    assert.equal(caller.state(), 'closed');
    const halfOpen = once(caller.breaker, 'halfOpen');
    await assert.rejects(caller.call({ method: 'GET', path: '/', idempotent: true }), unavailable);
    assert.equal(caller.state(), 'open');
    await halfOpen;
    assert.equal(caller.state(), 'half-open');
    handler = json(200, { ok: true });
    assert.deepEqual((await caller.call({ method: 'GET', path: '/', idempotent: true })).body, { ok: true });
    assert.equal(caller.state(), 'closed');
    caller.breaker.shutdown();
  });
});
