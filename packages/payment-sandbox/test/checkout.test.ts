// The checkout page: escaped content, Pay and Decline answering 303 to the merchant's URLs.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Api, type Receiver, startApi, startReceiver, waitUntil } from './helpers.ts';

describe('payment sandbox checkout page', () => {
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

  const create = async (orderName = 'Emoticon pack') =>
    (
      await api.post('/v1/payments', {
        orderId: 'order-"1"',
        amount: 12_300,
        orderName,
        successUrl: 'https://shop.example/success?from=sandbox',
        failUrl: 'https://shop.example/fail',
      })
    ).body as { paymentKey: string; checkoutUrl: string };
  const press = (checkoutUrl: string, button: 'pay' | 'decline') =>
    fetch(`${checkoutUrl}/${button}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
      redirect: 'manual',
    });

  test('shows the order name (escaped), the amount and the two buttons', async () => {
    const { paymentKey, checkoutUrl } = await create('<script>alert("x")</script> & 이모티콘');
    const res = await fetch(checkoutUrl);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    const html = await res.text();
    assert.ok(!html.includes('<script>'));
    assert.ok(html.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 이모티콘'));
    assert.match(html, /12,300/);
    assert.match(html, /샌드박스 결제 \/ Sandbox payment/);
    assert.match(
      html,
      new RegExp(`<form method="post" action="/checkout/${paymentKey}/pay"><button id="pay"`),
    );
    assert.match(
      html,
      new RegExp(`<form method="post" action="/checkout/${paymentKey}/decline"><button id="decline"`),
    );
  });

  test('Pay authorizes and answers 303 to successUrl with paymentKey, orderId and amount', async () => {
    const { paymentKey, checkoutUrl } = await create();
    const res = await press(checkoutUrl, 'pay');
    assert.equal(res.status, 303);
    const location = new URL(res.headers.get('location') ?? '');
    assert.equal(`${location.origin}${location.pathname}`, 'https://shop.example/success');
    assert.deepEqual(Object.fromEntries(location.searchParams), {
      from: 'sandbox',
      paymentKey,
      orderId: 'order-"1"',
      amount: '12300',
    });
    assert.equal((await api.get(`/v1/payments/${paymentKey}`)).body.status, 'AUTHORIZED');
    assert.equal((await api.post(`/v1/payments/${paymentKey}/confirm`, { amount: 12_300 })).status, 200);
    // The page of a processed payment has no buttons.
    const html = await (await fetch(checkoutUrl)).text();
    assert.ok(!html.includes('id="pay"'));
    assert.match(html, /DONE/);
  });

  test('Decline fails the payment and answers 303 to failUrl with code USER_DECLINED', async () => {
    const { paymentKey, checkoutUrl } = await create();
    const res = await press(checkoutUrl, 'decline');
    assert.equal(res.status, 303);
    const location = new URL(res.headers.get('location') ?? '');
    assert.equal(`${location.origin}${location.pathname}`, 'https://shop.example/fail');
    assert.equal(location.searchParams.get('paymentKey'), paymentKey);
    assert.equal(location.searchParams.get('code'), 'USER_DECLINED');
    assert.ok(location.searchParams.get('message'));
    const read = await api.get(`/v1/payments/${paymentKey}`);
    assert.deepEqual([read.body.status, read.body.failure?.code], ['FAILED', 'USER_DECLINED']);
    const events = () => receiver.received.filter((r) => r.event.paymentKey === paymentKey);
    await waitUntil(() => events().length > 0, 'the webhook');
    assert.deepEqual(
      events().map((r) => r.event.type),
      ['payment.failed'],
    );
    const payLate = await press(checkoutUrl, 'pay');
    assert.equal(payLate.status, 409);
    await payLate.body?.cancel();
  });

  test('an unknown payment is a 404 page', async () => {
    const res = await fetch(`${api.sandbox.url}/checkout/sbx_unknown`);
    assert.equal(res.status, 404);
    assert.match(await res.text(), /payment not found/);
  });
});
