import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Order } from '../../../lib/wire.ts';
import {
  blockerOf,
  followOrder,
  intentFor,
  mayHaveOrdered,
  nextPoll,
  orderBody,
  POLL_DELAYS_MS,
  phaseOf,
} from './purchase.ts';

const keys = () => {
  let n = 0;
  return () => `key-${String(++n).padStart(8, '0')}`;
};

const order = (status: Order['status'], id = 7): Order => ({
  id,
  status,
  buyerId: 1,
  recipientId: null,
  giftMessage: null,
  item: { id: 3, title: '냥냥', cover: { index: 0, alt: '안녕', imageUrl: '/i/3/0' } },
  price: 1200,
  method: 'POINTS',
  payment: null,
  createdAt: '2026-12-07T00:00:00.000Z',
  refundableUntil: null,
  transitions: [],
});

describe('purchase intent', () => {
  it('the same purchase again keeps its Idempotency-Key; another purchase gets a new one', () => {
    const next = keys();
    const a = intentFor(null, { itemId: 3, method: 'POINTS' }, next);
    assert.equal(a.key, 'key-00000001');
    // A retry (or a double click) of the same purchase: the same intent, so the same order.
    assert.equal(intentFor(a, { itemId: 3, method: 'POINTS' }, next), a);
    assert.equal(intentFor(a, { itemId: 3, method: 'POINTS', giftTo: undefined, giftMessage: '' }, next), a);
    // Anything different is another order.
    assert.equal(intentFor(a, { itemId: 4, method: 'POINTS' }, next).key, 'key-00000002');
    assert.equal(intentFor(a, { itemId: 3, method: 'CARD' }, next).key, 'key-00000003');
    const gift = intentFor(a, { itemId: 3, method: 'POINTS', giftTo: 9, giftMessage: ' 생일 축하해 ' }, next);
    assert.equal(gift.key, 'key-00000004');
    assert.equal(gift.giftMessage, '생일 축하해');
    assert.equal(
      intentFor(gift, { itemId: 3, method: 'POINTS', giftTo: 9, giftMessage: '생일 축하해' }, next),
      gift,
    );
    assert.notEqual(
      intentFor(gift, { itemId: 3, method: 'POINTS', giftTo: 10, giftMessage: '생일 축하해' }, next),
      gift,
    );
  });

  it('keys are valid Idempotency-Keys by default', () => {
    const { key } = intentFor(null, { itemId: 1, method: 'POINTS' });
    assert.match(key, /^[A-Za-z0-9_-]{8,64}$/);
  });

  it('the order body has no gift fields unless it is a gift, and no empty message', () => {
    const next = keys();
    assert.deepEqual(orderBody(intentFor(null, { itemId: 3, method: 'POINTS', giftMessage: '  ' }, next)), {
      itemId: 3,
      method: 'POINTS',
    });
    assert.deepEqual(
      orderBody(intentFor(null, { itemId: 3, method: 'CARD', giftTo: 5, giftMessage: '' }, next)),
      {
        itemId: 3,
        method: 'CARD',
        giftTo: 5,
      },
    );
  });

  it('a retry reuses the key only when the order may exist (no answer, timeout, server failure)', () => {
    assert.deepEqual([0, 408, 429, 500, 502, 503].map(mayHaveOrdered), [true, true, true, true, true, true]);
    assert.deepEqual([400, 403, 404, 409].map(mayHaveOrdered), [false, false, false, false]);
  });
});

describe('what stands in the way', () => {
  const item = { onSale: true, owned: false, price: 1000 };
  it('not on sale, held already (unless a gift), not enough points (with the balance)', () => {
    assert.equal(blockerOf(item, 'POINTS', false, 1000), null);
    assert.deepEqual(blockerOf({ ...item, onSale: false }, 'POINTS', false, 5000), { kind: 'notOnSale' });
    assert.deepEqual(blockerOf({ ...item, owned: true }, 'POINTS', false, 5000), { kind: 'owned' });
    assert.equal(blockerOf({ ...item, owned: true }, 'POINTS', true, 5000), null);
    assert.deepEqual(blockerOf(item, 'POINTS', false, 300), {
      kind: 'insufficient',
      balance: 300,
      missing: 700,
    });
  });
  it('a card payment needs no points; an unknown balance is left to the server', () => {
    assert.equal(blockerOf(item, 'CARD', false, 0), null);
    assert.equal(blockerOf(item, 'POINTS', false, null), null);
  });
});

describe('an order after payment', () => {
  it('phases from the buyer side', () => {
    assert.deepEqual(
      (['CREATED', 'PAID', 'FULFILLED', 'CANCELLED', 'REFUNDED'] as const).map((s) => phaseOf({ status: s })),
      ['awaitingPayment', 'preparing', 'done', 'cancelled', 'refunded'],
    );
  });

  it('polls a paid order a bounded number of times, and nothing else', () => {
    assert.equal(nextPoll({ status: 'PAID' }, 0), POLL_DELAYS_MS[0]);
    assert.equal(nextPoll({ status: 'PAID' }, POLL_DELAYS_MS.length), null);
    assert.equal(nextPoll({ status: 'FULFILLED' }, 0), null);
    assert.equal(nextPoll({ status: 'CREATED' }, 0), null);
    assert.ok(POLL_DELAYS_MS.reduce((a, b) => a + b, 0) < 60_000);
  });

  it('follows a paid order until it is fulfilled, through failed reads', async () => {
    const answers: (Order | Error)[] = [order('PAID'), new Error('network'), order('FULFILLED')];
    const seen: string[] = [];
    const waits: number[] = [];
    const final = await followOrder(
      async () => {
        const a = answers.shift()!;
        if (a instanceof Error) throw a;
        return a;
      },
      order('PAID'),
      (o) => {
        seen.push(o.status);
        return true;
      },
      async (ms) => waits.push(ms),
    );
    assert.equal(final.status, 'FULFILLED');
    assert.deepEqual(seen, ['PAID', 'PAID', 'PAID']);
    assert.deepEqual(waits, POLL_DELAYS_MS.slice(0, 3));
  });

  it('stops following when the page is gone, and gives up after the last poll', async () => {
    let reads = 0;
    const get = async () => {
      reads++;
      return order('PAID');
    };
    assert.equal(
      (
        await followOrder(
          get,
          order('PAID'),
          () => false,
          async () => {},
        )
      ).status,
      'PAID',
    );
    assert.equal(reads, 0);
    assert.equal(
      (
        await followOrder(
          get,
          order('PAID'),
          () => true,
          async () => {},
        )
      ).status,
      'PAID',
    );
    assert.equal(reads, POLL_DELAYS_MS.length);
    assert.equal(
      (
        await followOrder(
          get,
          order('FULFILLED'),
          () => true,
          async () => {},
        )
      ).status,
      'FULFILLED',
    );
  });
});
