// Card payments through the sandbox provider, embedded and on PostgreSQL + Redis + NATS: the
// two-step flow, declines, a confirmation whose answer was lost, duplicate and reordered
// webhooks, bad signatures, unknown payments and replays. Money is never created or lost.
import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { type PaymentSandbox, signSandboxWebhook, startPaymentSandbox } from '@chat/payment-sandbox';
import { describeOnBackends, eventually, type Loose, signup } from '@chat/testing';
import { assertLedgerBalanced, balance, createPack, order, orderReaches } from './store-fixtures.ts';

const secretKey = 'test-sandbox-secret-key';
const webhookSecret = 'test-sandbox-webhook-secret';
const sandbox: PaymentSandbox = await startPaymentSandbox({ port: 0, secretKey, webhookSecret, seed: 7 });
after(() => sandbox.close());

/** The buyer pressing Pay on the provider's checkout page. */
async function authorize(paymentKey: string): Promise<void> {
  const res = await fetch(`${sandbox.url}/v1/payments/${paymentKey}/authorize`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' },
    body: '{}',
  });
  assert.equal(res.status, 200, await res.text());
}

async function providerStatus(paymentKey: string): Promise<string> {
  const res = await fetch(`${sandbox.url}/v1/payments/${paymentKey}`, {
    headers: { authorization: `Bearer ${secretKey}` },
  });
  return ((await res.json()) as { status: string }).status;
}

await describeOnBackends(
  'store: card payments through the sandbox provider',
  (p) => {
    before(() => sandbox.setWebhookUrl(`${p().server.url}/api/store/webhooks/payments`));
    afterEach(async () => {
      sandbox.setFaults({
        declineRate: 0,
        confirmErrorAfterCommit: false,
        duplicateWebhooks: 0,
        reorderWebhooks: false,
        dropWebhooks: false,
        webhookDelayMs: 0,
      });
      await assertLedgerBalanced(p().api, p().admin.token);
    });

    async function cardOrder(price = 2500): Promise<{ buyer: Loose; pack: Loose; placed: Loose }> {
      const { api, admin } = p();
      const buyer = await signup(api);
      const pack = await createPack(api, admin.token, { price });
      const res = await order(api, buyer.token, { itemId: pack.id, method: 'CARD' });
      assert.equal(res.status, 201, res.text);
      assert.equal(res.body.status, 'CREATED');
      assert.equal(res.body.payment.amount, price);
      assert.match(res.body.payment.checkoutUrl, /^http:\/\/127\.0\.0\.1:\d+\/checkout\//);
      return { buyer, pack, placed: res.body };
    }

    const confirm = (buyer: Loose, placed: Loose) =>
      p().api.post(
        `/api/store/orders/${placed.id}/confirm`,
        { paymentKey: placed.payment.paymentKey },
        { token: buyer.token },
      );

    test('pay on the checkout page, confirm: paid once, fulfilled, and the late webhook changes nothing', async () => {
      const { buyer, placed } = await cardOrder();
      const early = await confirm(buyer, placed);
      assert.equal(early.status, 409, 'not paid at the provider yet');
      assert.match(early.body.message, /not completed/);

      await authorize(placed.payment.paymentKey);
      const res = await confirm(buyer, placed);
      assert.equal(res.status, 200, res.text);
      assert.ok(['PAID', 'FULFILLED'].includes(res.body.status));
      const again = await confirm(buyer, placed);
      assert.equal(again.status, 200, 'confirming twice is harmless');
      const done = await orderReaches(p().api, buyer.token, placed.id, 'FULFILLED');
      await eventually(async () =>
        sandbox
          .deliveries()
          .some((d) => d.paymentKey === placed.payment.paymentKey && d.outcome === 'delivered'),
      );
      const after = await p().api.get(`/api/store/orders/${placed.id}`, { token: buyer.token });
      assert.deepEqual(after.body.transitions, done.transitions);
      assert.equal(after.body.transitions.filter((t: Loose) => t.to === 'PAID').length, 1);
    });

    test('a declined card cancels the order and moves no money', async () => {
      sandbox.setFaults({ declineRate: 1 });
      const { buyer, placed } = await cardOrder();
      await authorize(placed.payment.paymentKey);
      const res = await confirm(buyer, placed);
      assert.equal(res.status, 409);
      assert.match(res.body.message, /declined/);
      const now = await p().api.get(`/api/store/orders/${placed.id}`, { token: buyer.token });
      assert.equal(now.body.status, 'CANCELLED');
      assert.equal(now.body.payment.status, 'FAILED');
      const inv = await p().api.get('/api/store/me/emoticons', { token: buyer.token });
      assert.deepEqual(inv.body.packs, []);
    });

    test('the provider confirmed but its answer was lost: 503, then the webhook completes the order', async () => {
      sandbox.setFaults({ confirmErrorAfterCommit: true });
      const { buyer, placed } = await cardOrder();
      await authorize(placed.payment.paymentKey);
      const res = await confirm(buyer, placed);
      assert.equal(res.status, 503, res.text);
      const done = await orderReaches(p().api, buyer.token, placed.id, 'FULFILLED');
      assert.equal(done.transitions.find((t: Loose) => t.to === 'PAID').actor, 'provider');
    });

    test('duplicate and reordered webhooks change nothing', async () => {
      sandbox.setFaults({ confirmErrorAfterCommit: true, duplicateWebhooks: 3, reorderWebhooks: true });
      const { buyer, placed } = await cardOrder(3000);
      await authorize(placed.payment.paymentKey);
      assert.equal((await confirm(buyer, placed)).status, 503);
      await orderReaches(p().api, buyer.token, placed.id, 'FULFILLED');
      // Refunding makes a later event (payment.canceled): with reordering, it may come first.
      const refund = await p().api.post(`/api/store/orders/${placed.id}/refund`, {}, { token: buyer.token });
      assert.equal(refund.status, 200, refund.text);
      await eventually(async () => (await providerStatus(placed.payment.paymentKey)) === 'CANCELED');
      await eventually(async () => {
        const sent = sandbox.deliveries().filter((d) => d.paymentKey === placed.payment.paymentKey);
        return sent.filter((d) => d.outcome === 'delivered').length >= 6;
      });
      const final = await p().api.get(`/api/store/orders/${placed.id}`, { token: buyer.token });
      assert.equal(final.body.status, 'REFUNDED');
      assert.deepEqual(
        final.body.transitions.map((t: Loose) => t.to),
        ['CREATED', 'PAID', 'FULFILLED', 'REFUNDED'],
      );
      assert.equal(final.body.payment.status, 'CANCELLED');
    });

    test('cancelled while the provider was capturing: the captured money is given back at the provider', async () => {
      sandbox.setFaults({ confirmErrorAfterCommit: true, webhookDelayMs: 1500 });
      const { buyer, placed } = await cardOrder(1800);
      await authorize(placed.payment.paymentKey);
      assert.equal((await confirm(buyer, placed)).status, 503, 'the capture happened, its answer was lost');
      const cancelled = await p().api.post(
        `/api/store/orders/${placed.id}/cancel`,
        {},
        { token: buyer.token },
      );
      assert.equal(cancelled.status, 200, cancelled.text);
      assert.equal(cancelled.body.status, 'CANCELLED');
      // The delayed payment.done arrives: the store owes the money back and returns it.
      await eventually(async () => (await providerStatus(placed.payment.paymentKey)) === 'CANCELED', 15_000);
      const final = await p().api.get(`/api/store/orders/${placed.id}`, { token: buyer.token });
      assert.equal(final.body.status, 'CANCELLED');
      assert.deepEqual((await p().api.get('/api/store/me/emoticons', { token: buyer.token })).body.packs, []);
    });

    test('a gift paid by card is hidden from its receiver until delivered, and its payment always', async () => {
      const { api, admin } = p();
      const buyer = await signup(api);
      const friend = await signup(api);
      const pack = await createPack(api, admin.token, { price: 900 });
      const res = await order(api, buyer.token, { itemId: pack.id, method: 'CARD', giftTo: friend.userId });
      assert.equal(res.status, 201, res.text);
      assert.equal((await api.get(`/api/store/orders/${res.body.id}`, { token: friend.token })).status, 404);
      assert.deepEqual((await api.get('/api/store/orders', { token: friend.token })).body.orders, []);
      await authorize(res.body.payment.paymentKey);
      assert.equal((await confirm(buyer, res.body)).status, 200);
      await orderReaches(api, buyer.token, res.body.id, 'FULFILLED');
      const seen = await api.get(`/api/store/orders/${res.body.id}`, { token: friend.token });
      assert.equal(seen.status, 200);
      assert.equal(seen.body.payment, null);
      const listed = await api.get('/api/store/orders', { token: friend.token });
      assert.deepEqual(
        listed.body.orders.map((o: Loose) => [o.id, o.payment]),
        [[res.body.id, null]],
      );
    });

    test('a card top-up adds points once; cancelled at the provider later, they are taken back', async () => {
      const { api } = p();
      const user = await signup(api);
      const k = `top-up-${user.userId}-key`;
      const res = await api.post(
        '/api/store/points/top-ups',
        { amount: 5000 },
        { token: user.token, headers: { 'idempotency-key': k } },
      );
      assert.equal(res.status, 201, res.text);
      const again = await api.post(
        '/api/store/points/top-ups',
        { amount: 5000 },
        { token: user.token, headers: { 'idempotency-key': k } },
      );
      assert.equal(again.status, 200);
      assert.equal(again.body.id, res.body.id);
      await authorize(res.body.payment.paymentKey);
      const done = await api.post(
        `/api/store/points/top-ups/${res.body.id}/confirm`,
        { paymentKey: res.body.payment.paymentKey },
        { token: user.token },
      );
      assert.equal(done.status, 200, done.text);
      assert.equal(done.body.status, 'COMPLETED');
      assert.equal(await balance(api, user.token), 5000);
      // An operator refunds it at the provider: its webhook takes the points back.
      const cancel = await fetch(`${sandbox.url}/v1/payments/${res.body.payment.paymentKey}/cancel`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ reason: 'chargeback' }),
      });
      assert.equal(cancel.status, 200);
      await eventually(async () => (await balance(api, user.token)) === 0);
    });

    test('webhooks: a bad signature is 401, an unknown payment 404, a replay 200 and nothing changes', async () => {
      const { buyer, placed } = await cardOrder();
      const url = `${p().server.url}/api/store/webhooks/payments`;
      const event = {
        eventId: `evt-${placed.id}-forged`,
        type: 'payment.done',
        paymentKey: placed.payment.paymentKey,
        orderId: `order-${placed.id}`,
        amount: placed.price,
        status: 'DONE',
        version: 99,
        occurredAt: new Date().toISOString(),
      };
      const body = JSON.stringify(event);
      const t = Math.floor(Date.now() / 1000);
      const send = (raw: string, signature: string) =>
        fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'sandbox-signature': signature },
          body: raw,
        });

      const forged = await send(body, signSandboxWebhook('not-the-secret', body, t));
      assert.equal(forged.status, 401);
      const unsigned = await send(body, '');
      assert.equal(unsigned.status, 401);
      const stale = await send(body, signSandboxWebhook(webhookSecret, body, t - 3600));
      assert.equal(stale.status, 401, 'a signature an hour old is refused');
      const still = await p().api.get(`/api/store/orders/${placed.id}`, { token: buyer.token });
      assert.equal(still.body.status, 'CREATED', 'a forged payment.done must not pay the order');

      const unknown = JSON.stringify({ ...event, eventId: 'evt-unknown', paymentKey: 'no-such-payment' });
      const notFound = await send(unknown, signSandboxWebhook(webhookSecret, unknown, t));
      assert.equal(notFound.status, 404);

      // The real provider's events are accepted once; a replay of one is answered and ignored.
      await authorize(placed.payment.paymentKey);
      assert.equal((await confirm(buyer, placed)).status, 200);
      const delivered = await eventually(async () =>
        sandbox
          .deliveries()
          .find((d) => d.paymentKey === placed.payment.paymentKey && d.outcome === 'delivered'),
      );
      assert.ok(delivered);
      const replayEvent = JSON.stringify({
        ...event,
        eventId: delivered.eventId,
        version: delivered.version,
      });
      const replay = await send(replayEvent, signSandboxWebhook(webhookSecret, replayEvent, t));
      assert.equal(replay.status, 200);
      assert.deepEqual(await replay.json(), { result: 'duplicate' });
      const done = await orderReaches(p().api, buyer.token, placed.id, 'FULFILLED');
      assert.equal(done.transitions.length, 3);
    });
  },
  {
    env: {
      STORE_PAYMENT_PROVIDER: 'sandbox',
      STORE_PAYMENT_URL: sandbox.url,
      STORE_PAYMENT_SECRET_KEY: secretKey,
      STORE_WEBHOOK_SECRET: webhookSecret,
    },
  },
);
