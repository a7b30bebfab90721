// Webhook faults and retries: duplicates, reordering, drops, a receiver answering 500.
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import {
  type Api,
  type Receiver,
  startApi,
  startReceiver,
  verifySignature,
  WEBHOOK_SECRET,
  waitUntil,
} from './helpers.ts';

describe('payment sandbox webhooks', () => {
  let api: Api | undefined;
  let receiver: Receiver | undefined;
  afterEach(async () => {
    await api?.sandbox.close();
    await receiver?.close();
  });

  test('duplicateWebhooks: N identical deliveries of each event', async () => {
    receiver = await startReceiver();
    api = await startApi({ webhookUrl: receiver.url, faults: { duplicateWebhooks: 3 } });
    const key = await api.authorized(500);
    await api.post(`/v1/payments/${key}/confirm`, { amount: 500 });
    const got = await receiver.waitFor(3);
    assert.equal(new Set(got.map((r) => r.raw)).size, 1);
    assert.equal(got[0]?.event.type, 'payment.done');
    for (const r of got) assert.ok(verifySignature(r.signature, r.raw, WEBHOOK_SECRET));
    await waitUntil(() => api!.sandbox.deliveries().length === 3, 'three deliveries recorded');
    assert.deepEqual(
      api.sandbox.deliveries().map((d) => [d.copy, d.outcome]),
      [
        [1, 'delivered'],
        [2, 'delivered'],
        [3, 'delivered'],
      ],
    );
  });

  test('reorderWebhooks: a later event is delivered before an earlier one', async () => {
    receiver = await startReceiver();
    api = await startApi({ webhookUrl: receiver.url, faults: { reorderWebhooks: true } });
    const key = await api.authorized(500);
    await api.post(`/v1/payments/${key}/confirm`, { amount: 500 });
    await api.post(`/v1/payments/${key}/cancel`, { reason: 'changed my mind' });
    const got = await receiver.waitFor(2);
    assert.deepEqual(
      got.map((r) => [r.event.type, r.event.version]),
      [
        ['payment.canceled', 4],
        ['payment.done', 3],
      ],
    );
    // An event no later one overtakes is still delivered (after the hold).
    const alone = await api.authorized(600);
    await api.post(`/v1/payments/${alone}/confirm`, { amount: 600 });
    const [, , last] = await receiver.waitFor(3);
    assert.deepEqual([last?.event.paymentKey, last?.event.type], [alone, 'payment.done']);
  });

  test('a receiver answering 500 gets the same event again until it answers 2xx', async () => {
    receiver = await startReceiver((i) => (i < 2 ? 500 : 204));
    api = await startApi({ webhookUrl: receiver.url });
    const key = await api.authorized(800);
    await api.post(`/v1/payments/${key}/confirm`, { amount: 800 });
    const got = await receiver.waitFor(3);
    assert.equal(new Set(got.map((r) => r.event.eventId)).size, 1);
    for (const r of got) assert.ok(verifySignature(r.signature, r.raw, WEBHOOK_SECRET));
    await waitUntil(() => api!.sandbox.deliveries().length === 3, 'three attempts recorded');
    const listed = await api.get('/__control/webhooks');
    assert.deepEqual(
      listed.body.deliveries.map((d: { attempt: number; outcome: string; httpStatus: number }) => [
        d.attempt,
        d.outcome,
        d.httpStatus,
      ]),
      [
        [1, 'failed', 500],
        [2, 'failed', 500],
        [3, 'delivered', 204],
      ],
    );
  });

  test('a receiver that is down is retried; dropWebhooks sends nothing', async () => {
    receiver = await startReceiver();
    api = await startApi({ webhookUrl: receiver.url, faults: { dropWebhooks: true } });
    const dropped = await api.authorized(100);
    await api.post(`/v1/payments/${dropped}/confirm`, { amount: 100 });
    assert.deepEqual(
      api.sandbox.deliveries().map((d) => [d.paymentKey, d.outcome]),
      [[dropped, 'dropped']],
    );
    api.sandbox.setFaults({ dropWebhooks: false });
    api.sandbox.setWebhookUrl('http://127.0.0.1:9/down');
    const key = await api.authorized(100);
    await api.post(`/v1/payments/${key}/confirm`, { amount: 100 });
    await waitUntil(
      () => api!.sandbox.deliveries().some((d) => d.paymentKey === key && d.outcome === 'failed'),
      'a failed attempt',
    );
    api.sandbox.setWebhookUrl(receiver.url);
    const [first] = await receiver.waitFor(1);
    assert.deepEqual([first?.event.paymentKey, first?.event.type], [key, 'payment.done']);
    await waitUntil(() => api!.sandbox.deliveries().at(-1)?.outcome === 'delivered', 'the delivery recorded');
    const attempts = api.sandbox.deliveries().filter((d) => d.paymentKey === key);
    assert.equal(attempts[0]?.outcome, 'failed');
    assert.equal(attempts[0]?.httpStatus, null);
    assert.equal(attempts.at(-1)?.outcome, 'delivered');
  });
});
