// Injected faults: declines, lost answers, errors, slow confirms; seeded choices repeat.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEFAULT_FAULTS } from '../src/index.ts';
import { type Api, type Receiver, SECRET_KEY, startApi, startReceiver, waitUntil } from './helpers.ts';

describe('payment sandbox faults', () => {
  let api: Api;
  let receiver: Receiver;
  before(async () => {
    receiver = await startReceiver();
    api = await startApi({ webhookUrl: receiver.url, faults: { declineAmountsAbove: 50_000 } });
  });
  after(async () => {
    await api?.sandbox.close();
    await receiver?.close();
  });
  const eventsOf = (key: string) =>
    receiver.received.filter((r) => r.event.paymentKey === key).map((r) => r.event);

  test('declineAmountsAbove: confirm answers 402 DECLINED, the payment FAILED, payment.failed sent', async () => {
    const small = await api.authorized(50_000);
    assert.equal((await api.post(`/v1/payments/${small}/confirm`, { amount: 50_000 })).status, 200);
    const key = await api.authorized(50_001);
    const res = await api.post(`/v1/payments/${key}/confirm`, { amount: 50_001 });
    assert.deepEqual([res.status, res.body], [402, { code: 'DECLINED', message: 'card declined (sandbox)' }]);
    const read = await api.get(`/v1/payments/${key}`);
    assert.deepEqual([read.body.status, read.body.version], ['FAILED', 3]);
    const again = await api.post(`/v1/payments/${key}/confirm`, { amount: 50_001 });
    assert.deepEqual([again.status, again.body.code], [402, 'DECLINED']);
    await waitUntil(() => eventsOf(key).length === 1, 'payment.failed');
    assert.deepEqual(
      eventsOf(key).map((e) => [e.type, e.status, e.version]),
      [['payment.failed', 'FAILED', 3]],
    );
  });

  test('faults change at run time through /__control/faults (declineRate 1), bad ones are 400', async () => {
    const set = await api.post('/__control/faults', { declineRate: 1 });
    assert.deepEqual(set.body, { ...DEFAULT_FAULTS, declineAmountsAbove: 50_000, declineRate: 1 });
    const key = await api.authorized(10);
    assert.equal((await api.post(`/v1/payments/${key}/confirm`, { amount: 10 })).status, 402);
    const bad = await api.post('/__control/faults', { declineRate: 2, nope: true, dropWebhooks: 'yes' });
    assert.equal(bad.status, 400);
    assert.match(bad.body.message, /declineRate.*nope|nope.*declineRate/);
    assert.match(bad.body.message, /dropWebhooks/);
    assert.equal((await api.get('/__control/faults')).body.declineRate, 1);
    api.sandbox.setFaults({ declineRate: 0 });
    assert.equal((await api.get('/__control/faults')).body.declineRate, 0);
  });

  test('confirmErrorAfterCommit: 500, yet DONE and payment.done sent; a retry answers 200', async () => {
    api.sandbox.setFaults({ confirmErrorAfterCommit: true });
    const key = await api.authorized(300);
    const lost = await api.post(`/v1/payments/${key}/confirm`, { amount: 300 });
    assert.deepEqual([lost.status, lost.body.code], [500, 'PROVIDER_ERROR']);
    assert.equal((await api.get(`/v1/payments/${key}`)).body.status, 'DONE');
    await waitUntil(() => eventsOf(key).length === 1, 'payment.done');
    assert.equal(eventsOf(key)[0]?.type, 'payment.done');
    const retry = await api.post(`/v1/payments/${key}/confirm`, { amount: 300 });
    assert.deepEqual([retry.status, retry.body.status, retry.body.version], [200, 'DONE', 3]);
    api.sandbox.setFaults({ confirmErrorAfterCommit: false });
  });

  test('confirmErrorRate 1: 500 and nothing changes', async () => {
    api.sandbox.setFaults({ confirmErrorRate: 1 });
    const key = await api.authorized(300);
    const res = await api.post(`/v1/payments/${key}/confirm`, { amount: 300 });
    assert.deepEqual([res.status, res.body.code], [500, 'PROVIDER_ERROR']);
    const read = await api.get(`/v1/payments/${key}`);
    assert.deepEqual([read.body.status, read.body.version], ['AUTHORIZED', 2]);
    api.sandbox.setFaults({ confirmErrorRate: 0 });
    assert.equal((await api.post(`/v1/payments/${key}/confirm`, { amount: 300 })).status, 200);
  });

  test('confirmDelayMs: the client times out, the payment completes later', async () => {
    api.sandbox.setFaults({ confirmDelayMs: 800 });
    const key = await api.authorized(300);
    await assert.rejects(
      fetch(`${api.sandbox.url}/v1/payments/${key}/confirm`, {
        method: 'POST',
        headers: { authorization: `Bearer ${SECRET_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ amount: 300 }),
        signal: AbortSignal.timeout(100),
      }),
      /TimeoutError|aborted/,
    );
    assert.equal((await api.get(`/v1/payments/${key}`)).body.status, 'AUTHORIZED');
    await waitUntil(async () => (await api.get(`/v1/payments/${key}`)).body.status === 'DONE', 'DONE');
    api.sandbox.setFaults({ confirmDelayMs: 0 });
  });
});

test('a seed makes declineRate choices repeat', async () => {
  const outcomes = async () => {
    const api = await startApi({ seed: 42, faults: { declineRate: 0.5 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) {
        const key = await api.authorized(100);
        statuses.push((await api.post(`/v1/payments/${key}/confirm`, { amount: 100 })).status);
      }
      return statuses;
    } finally {
      await api.sandbox.close();
    }
  };
  const first = await outcomes();
  assert.deepEqual(await outcomes(), first);
  assert.ok(first.includes(200) && first.includes(402), first.join());
});
