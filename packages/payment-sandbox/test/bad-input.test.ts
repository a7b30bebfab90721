// Bad requests get JSON errors (auth, body limits, media types, routes) and never crash it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Answer, type Api, SECRET_KEY, startApi } from './helpers.ts';

describe('payment sandbox bad input', () => {
  let api: Api;
  let url: string;
  before(async () => {
    api = await startApi();
    url = api.sandbox.url;
  });
  after(() => api?.sandbox.close());

  const json = async (res: Response): Promise<Pick<Answer, 'status' | 'body'>> => ({
    status: res.status,
    body: await res.json(),
  });

  test('a missing or wrong bearer is 401', async () => {
    for (const authorization of [undefined, `Bearer wrong`, `Basic ${SECRET_KEY}`, 'Bearer ']) {
      const res = await json(
        await fetch(`${url}/v1/payments`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
          body: '{}',
        }),
      );
      assert.equal(res.status, 401, authorization);
      assert.equal(res.body.code, 'UNAUTHORIZED');
      assert.equal(typeof res.body.message, 'string');
    }
    const control = await fetch(`${url}/__control/faults`, { method: 'POST', body: '{}' });
    assert.equal(control.status, 401);
    await control.body?.cancel();
  });

  test('a body over 16 KB is 413, declared or streamed', async () => {
    const big = JSON.stringify({ orderName: 'x'.repeat(17 * 1024) });
    const declared = await api.post('/v1/payments', JSON.parse(big));
    assert.deepEqual([declared.status, declared.body.code], [413, 'PAYLOAD_TOO_LARGE']);
    const chunks = [Buffer.from(big.slice(0, 9000)), Buffer.from(big.slice(9000))];
    const streamed = await json(
      await fetch(`${url}/v1/payments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${SECRET_KEY}`, 'content-type': 'application/json' },
        body: new ReadableStream({
          pull(controller) {
            const next = chunks.shift();
            if (next) controller.enqueue(next);
            else controller.close();
          },
        }),
        duplex: 'half',
      } as RequestInit),
    );
    assert.deepEqual([streamed.status, streamed.body.code], [413, 'PAYLOAD_TOO_LARGE']);
    // Still serving.
    assert.equal((await api.create()).status, 201);
  });

  test('invalid bodies are 400 naming every problem, non-JSON 415', async () => {
    const res = await api.post('/v1/payments', {
      orderId: '',
      amount: 1.5,
      successUrl: 'javascript:alert(1)',
    });
    assert.deepEqual([res.status, res.body.code], [400, 'INVALID_REQUEST']);
    for (const field of ['orderId', 'amount', 'orderName', 'successUrl', 'failUrl'])
      assert.match(res.body.message, new RegExp(field));
    for (const body of ['{', '[]', 'null', '"x"']) {
      const r = await json(
        await fetch(`${url}/v1/payments`, {
          method: 'POST',
          headers: { authorization: `Bearer ${SECRET_KEY}`, 'content-type': 'application/json' },
          body,
        }),
      );
      assert.deepEqual([r.status, r.body.code], [400, 'INVALID_REQUEST'], body);
    }
    const form = await json(
      await fetch(`${url}/v1/payments`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${SECRET_KEY}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'orderId=1&amount=2',
      }),
    );
    assert.deepEqual([form.status, form.body.code], [415, 'UNSUPPORTED_MEDIA_TYPE']);
    const zero = await api.create(0);
    assert.equal(zero.status, 400);
    const longKey = await api.post('/v1/payments', {}, { 'idempotency-key': 'k'.repeat(301) });
    assert.equal(longKey.status, 400);
  });

  test('unknown routes are 404 JSON, wrong methods 405', async () => {
    assert.deepEqual((await api.get('/v1/nothing')).status, 404);
    const open = await json(await fetch(`${url}/nothing`));
    assert.deepEqual([open.status, open.body.code], [404, 'NOT_FOUND']);
    const method = await api.post('/v1/payments/x');
    assert.deepEqual([method.status, method.body.code], [405, 'METHOD_NOT_ALLOWED']);
    const encoded = await api.get('/v1/payments/%E0%A4%A');
    assert.equal(encoded.status, 404);
    assert.equal((await fetch(`${url}/healthz`)).status, 200);
  });
});
