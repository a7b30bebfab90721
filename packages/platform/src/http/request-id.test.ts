// The HTTP edge's part of request ids: accepted or made, echoed, current for all the request
// does (after its body is read too), and on each of its log lines once.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { eventually } from '@chat/testing';
import type { FastifyInstance } from 'fastify';
import { createLogger } from '../observability/logger.ts';
import { createMetrics } from '../observability/metrics.ts';
import { currentRequestId } from '../observability/request-context.ts';
import { createHttpApp } from './app.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const occurrences = (line: string, text: string) => line.split(text).length - 1;

describe('request ids at the HTTP edge', () => {
  const lines: string[] = [];
  let app: FastifyInstance;
  let base: string;
  /** What the handlers saw as the current request id. */
  const seen: (string | undefined)[] = [];

  before(async () => {
    const logger = createLogger({
      level: 'info',
      destination: { write: (chunk: string) => void lines.push(...chunk.split('\n').filter(Boolean)) },
    });
    const service = logger.child({ service: 'test' });
    app = createHttpApp({
      logger,
      metrics: createMetrics({ defaultMetrics: false }),
      bodyLimitBytes: 1 << 20,
    });
    app.get('/hello', async () => {
      seen.push(currentRequestId());
      service.info('handling');
      return { ok: true };
    });
    app.post('/echo', async (req) => {
      seen.push(currentRequestId());
      service.info('body read');
      return { size: JSON.stringify(req.body).length };
    });
    app.get('/bug', async () => {
      throw new TypeError('undefined is not a function');
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  after(() => app.close());

  /**
   * The lines naming `id`, once its access line is written (when the answer is finished, which
   * may be a moment after the client has it); each names the id once, as reqId.
   */
  async function linesOf(id: string): Promise<string[]> {
    const found = await eventually(async () => {
      const mine = lines.filter((l) => l.includes(id));
      return mine.some((l) => JSON.parse(l).msg === 'request') && mine;
    });
    for (const line of found) {
      assert.equal(occurrences(line, id), 1, `once in: ${line}`);
      assert.equal(occurrences(line, '"reqId"'), 1, `one reqId in: ${line}`);
      assert.equal(JSON.parse(line).reqId, id);
    }
    return found;
  }

  test('a valid X-Request-Id is kept: echoed, current in the handler, once on each line', async () => {
    const id = 'trace-edge-1';
    const res = await fetch(`${base}/hello`, { headers: { 'x-request-id': id } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-request-id'), id);
    assert.equal(seen.at(-1), id);
    const mine = await linesOf(id);
    assert.deepEqual(
      mine.map((l) => JSON.parse(l).msg),
      ['handling', 'request'],
      "the handler's line and the access line",
    );
  });

  test('a missing or invalid X-Request-Id is replaced by a new one, never logged', async () => {
    for (const given of [undefined, 'has space', 'x'.repeat(129), 'quote"d']) {
      const res = await fetch(`${base}/hello`, {
        headers: given === undefined ? {} : { 'x-request-id': given },
      });
      const id = res.headers.get('x-request-id') ?? '';
      assert.match(id, UUID);
      assert.equal(seen.at(-1), id);
      assert.equal((await linesOf(id)).length, 2);
      if (given !== undefined) assert.ok(!lines.some((l) => l.includes(given)), `${given} not logged`);
    }
  });

  test('the id is still current once a body that came in pieces is read', async () => {
    const id = 'trace-edge-body';
    const body = JSON.stringify({ text: 'x'.repeat(100_000) });
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${base}/echo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': id, 'content-length': body.length },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      // Two writes apart, so the body reaches the server in separate reads.
      req.write(body.slice(0, 10));
      void sleep(20).then(() => req.end(body.slice(10)));
    });
    assert.equal(status, 200);
    assert.equal(seen.at(-1), id);
    assert.deepEqual(
      (await linesOf(id)).map((l) => JSON.parse(l).msg),
      ['body read', 'request'],
    );
  });

  test('an unhandled error is logged with the id once; the client gets INTERNAL and the id', async () => {
    const id = 'trace-edge-bug';
    const res = await fetch(`${base}/bug`, { headers: { 'x-request-id': id } });
    assert.equal(res.status, 500);
    assert.equal(((await res.json()) as { error: string }).error, 'INTERNAL');
    assert.equal(res.headers.get('x-request-id'), id);
    const mine = await linesOf(id);
    assert.deepEqual(
      mine.map((l) => JSON.parse(l).msg),
      ['unhandled error', 'request'],
    );
  });
});
