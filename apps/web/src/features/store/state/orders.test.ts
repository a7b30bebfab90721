import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { actorOf, canCancel, canDecline, canRefund, checkoutReturn, sideOf, signedPoints } from './orders.ts';

const NOW = Date.parse('2026-12-07T12:00:00Z');
const until = (ms: number) => new Date(NOW + ms).toISOString();

describe('what I may do with an order', () => {
  const mine = { status: 'FULFILLED' as const, buyerId: 1, refundableUntil: until(60_000) };
  it('refund: my fulfilled order, before refundableUntil, the pack unused', () => {
    assert.equal(canRefund(mine, 1, NOW), true);
    assert.equal(canRefund(mine, 1, NOW, { usedAt: null }), true);
    assert.equal(canRefund(mine, 1, NOW, { usedAt: '2026-12-07T11:00:00Z' }), false);
    assert.equal(canRefund(mine, 2, NOW), false, "someone else's order");
    assert.equal(canRefund({ ...mine, refundableUntil: until(-1) }, 1, NOW), false, 'window over');
    assert.equal(canRefund({ ...mine, refundableUntil: null }, 1, NOW), false);
    assert.equal(canRefund({ ...mine, status: 'PAID' }, 1, NOW), false);
    assert.equal(canRefund({ ...mine, status: 'REFUNDED' }, 1, NOW), false);
  });
  it('decline: a fulfilled gift to me', () => {
    assert.equal(canDecline({ status: 'FULFILLED', recipientId: 2 }, 2), true);
    assert.equal(canDecline({ status: 'FULFILLED', recipientId: 2 }, 1), false);
    assert.equal(canDecline({ status: 'FULFILLED', recipientId: null }, 1), false);
    assert.equal(canDecline({ status: 'REFUNDED', recipientId: 2 }, 2), false);
  });
  it('cancel: my order still waiting for its card payment', () => {
    assert.equal(canCancel({ status: 'CREATED', buyerId: 1 }, 1), true);
    assert.equal(canCancel({ status: 'CREATED', buyerId: 1 }, 2), false);
    assert.equal(canCancel({ status: 'PAID', buyerId: 1 }, 1), false);
  });
  it('which side of an order I am on', () => {
    assert.equal(sideOf({ buyerId: 1, recipientId: null }, 1), 'bought');
    assert.equal(sideOf({ buyerId: 1, recipientId: 2 }, 1), 'gave');
    assert.equal(sideOf({ buyerId: 1, recipientId: 2 }, 2), 'received');
  });
});

describe('a card payment coming back', () => {
  it('authorised: the payment key and amount to confirm', () => {
    assert.deepEqual(checkoutReturn('?paymentKey=pk_1&orderId=7&amount=1200'), {
      kind: 'authorised',
      paymentKey: 'pk_1',
      amount: 1200,
    });
    assert.deepEqual(checkoutReturn('?paymentKey=pk_1'), {
      kind: 'authorised',
      paymentKey: 'pk_1',
      amount: null,
    });
  });
  it('failed: the code and the message (decoded)', () => {
    assert.deepEqual(checkoutReturn('?code=USER_CANCEL&message=%EC%B7%A8%EC%86%8C'), {
      kind: 'failed',
      code: 'USER_CANCEL',
      message: '취소',
    });
  });
  it('a decline at the checkout carries its paymentKey too: it is a failure, not a payment', () => {
    assert.deepEqual(checkoutReturn('?topUp=3&paymentKey=pk_1&code=USER_DECLINED&message=no'), {
      kind: 'failed',
      code: 'USER_DECLINED',
      message: 'no',
    });
  });
  it('an ordinary visit is no return', () => {
    assert.equal(checkoutReturn(''), null);
    assert.equal(checkoutReturn('?x=1'), null);
  });
});

describe('words', () => {
  it('signed points', () => {
    assert.equal(signedPoints(1500, 'en-US'), '+1,500');
    assert.equal(signedPoints(-500, 'ko-KR'), '−500');
    assert.equal(signedPoints(0, 'en-US'), '0');
  });
  it('who moved an order', () => {
    assert.deepEqual(actorOf('user:3', 3), { kind: 'me', id: 3 });
    assert.deepEqual(actorOf('user:4', 3), { kind: 'user', id: 4 });
    assert.deepEqual(actorOf('admin:1', 3), { kind: 'admin', id: 1 });
    assert.deepEqual(actorOf('system', 3), { kind: 'system', id: null });
    assert.deepEqual(actorOf('provider', 3), { kind: 'provider', id: null });
    assert.deepEqual(actorOf('webhook?', 3), { kind: 'other', id: null });
  });
});
