// The API's happy path, idempotency and refusals against a real started sandbox.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signSandboxWebhook } from '../src/index.ts';
import {
  type Api,
  type Receiver,
  startApi,
  startReceiver,
  verifySignature,
  WEBHOOK_SECRET,
} from './helpers.ts';

describe('payment sandbox API', () => {
  let api: Api;
  let receiver: Receiver;
  before(async () => {
    receiver = await startReceiver();
    api = await startApi({ webhookUrl: receiver.url });
  });
  after(async () => {
    await api?.sandbox.close();
    await receiver?.close();
  });

  test('create, authorize, confirm, cancel: statuses, versions and signed webhooks', async () => {
    const created = await api.create(4900);
    assert.equal(created.status, 201);
    const { paymentKey, checkoutUrl } = created.body;
    assert.match(paymentKey, /^sbx_/);
    assert.equal(checkoutUrl, `${api.sandbox.url}/checkout/${paymentKey}`);
    assert.deepEqual(
      { status: created.body.status, version: created.body.version, amount: created.body.amount },
      { status: 'READY', version: 1, amount: 4900 },
    );

    const authorized = await api.post(`/v1/payments/${paymentKey}/authorize`);
    assert.deepEqual(
      [authorized.status, authorized.body.status, authorized.body.version],
      [200, 'AUTHORIZED', 2],
    );

    const confirmed = await api.post(`/v1/payments/${paymentKey}/confirm`, { amount: 4900 });
    assert.equal(confirmed.status, 200);
    assert.equal(confirmed.body.status, 'DONE');
    assert.equal(confirmed.body.version, 3);
    assert.ok(Date.parse(confirmed.body.approvedAt) > 0);

    const [done] = await receiver.waitFor(1);
    assert.ok(done);
    assert.ok(verifySignature(done.signature, done.raw, WEBHOOK_SECRET), done.signature);
    assert.ok(!verifySignature(done.signature, done.raw, 'another secret'));
    const t = Number(/t=(\d+)/.exec(done.signature)?.[1]);
    assert.equal(done.signature, signSandboxWebhook(WEBHOOK_SECRET, done.raw, t));
    assert.deepEqual(
      { ...done.event, eventId: undefined, occurredAt: undefined },
      {
        eventId: undefined,
        type: 'payment.done',
        paymentKey,
        orderId: created.body.orderId,
        amount: 4900,
        status: 'DONE',
        version: 3,
        occurredAt: undefined,
      },
    );

    const read = await api.get(`/v1/payments/${paymentKey}`);
    assert.deepEqual([read.body.status, read.body.version, read.body.canceledAt], ['DONE', 3, null]);

    const canceled = await api.post(`/v1/payments/${paymentKey}/cancel`, { reason: 'refund' });
    assert.deepEqual([canceled.status, canceled.body.status, canceled.body.version], [200, 'CANCELED', 4]);
    assert.ok(Date.parse(canceled.body.canceledAt) > 0);
    const again = await api.post(`/v1/payments/${paymentKey}/cancel`, { reason: 'refund' });
    assert.deepEqual([again.status, again.body.version], [200, 4]);
    const events = await receiver.waitFor(2);
    assert.deepEqual(
      events.map((e) => [e.event.type, e.event.version]),
      [
        ['payment.done', 3],
        ['payment.canceled', 4],
      ],
    );
    assert.ok(verifySignature(events[1]!.signature, events[1]!.raw, WEBHOOK_SECRET));
  });

  test('create with an Idempotency-Key returns the same payment', async () => {
    const body = {
      orderId: 'idem-1',
      amount: 1200,
      orderName: 'Points',
      successUrl: 'https://shop.example/ok',
      failUrl: 'https://shop.example/no',
    };
    const first = await api.post('/v1/payments', body, { 'idempotency-key': 'key-1' });
    const second = await api.post('/v1/payments', body, { 'idempotency-key': 'key-1' });
    assert.deepEqual([first.status, second.status], [201, 200]);
    assert.deepEqual(second.body, first.body);
    const other = await api.post('/v1/payments', body, { 'idempotency-key': 'key-2' });
    assert.notEqual(other.body.paymentKey, first.body.paymentKey);
    const reused = await api.post('/v1/payments', { ...body, amount: 1300 }, { 'idempotency-key': 'key-1' });
    assert.deepEqual([reused.status, reused.body.code], [422, 'IDEMPOTENCY_KEY_REUSED']);
  });

  test('confirming a DONE payment again answers the same, with one webhook', async () => {
    const before = receiver.received.length;
    const key = await api.authorized(700);
    const first = await api.post(`/v1/payments/${key}/confirm`, { amount: 700 });
    const second = await api.post(`/v1/payments/${key}/confirm`, { amount: 700 });
    assert.deepEqual([first.status, second.status], [200, 200]);
    assert.deepEqual(second.body, first.body);
    // Webhooks of one payment arrive in order: a second payment.done would come before this.
    await api.post(`/v1/payments/${key}/cancel`, { reason: 'test' });
    const events = (await receiver.waitFor(before + 2))
      .slice(before)
      .filter((e) => e.event.paymentKey === key);
    assert.deepEqual(
      events.map((e) => e.event.type),
      ['payment.done', 'payment.canceled'],
    );
  });

  test('refusals: amount mismatch, not authorized, unknown key, wrong states', async () => {
    const key = await api.authorized(1000);
    const mismatch = await api.post(`/v1/payments/${key}/confirm`, { amount: 999 });
    assert.deepEqual([mismatch.status, mismatch.body.code], [400, 'AMOUNT_MISMATCH']);
    assert.equal((await api.get(`/v1/payments/${key}`)).body.status, 'AUTHORIZED');

    const ready = (await api.create()).body.paymentKey;
    const early = await api.post(`/v1/payments/${ready}/confirm`, { amount: 1000 });
    assert.deepEqual([early.status, early.body.code], [409, 'NOT_AUTHORIZED']);
    const cancelReady = await api.post(`/v1/payments/${ready}/cancel`, { reason: 'x' });
    assert.deepEqual([cancelReady.status, cancelReady.body.code], [409, 'NOT_CANCELABLE']);

    for (const path of ['', '/confirm', '/authorize', '/cancel']) {
      const res = path
        ? await api.post(`/v1/payments/nope${path}`, { amount: 1, reason: 'x' })
        : await api.get('/v1/payments/nope');
      assert.deepEqual([res.status, res.body.code], [404, 'NOT_FOUND'], path);
    }
    const badAmount = await api.post(`/v1/payments/${key}/confirm`, { amount: '1000' });
    assert.deepEqual([badAmount.status, badAmount.body.code], [400, 'INVALID_REQUEST']);
  });
});
