import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as contract from '@chat/contracts';
import {
  checkAmount,
  TOP_UP_MAX,
  TOP_UP_MIN,
  TOP_UP_PRESETS,
  topUpIntentFor,
  topUpReturn,
} from './top-up.ts';

describe('a top-up amount', () => {
  it('holds to the contract’s limits, and offers only amounts it accepts', () => {
    assert.equal(TOP_UP_MIN, contract.TOP_UP_MIN);
    assert.equal(TOP_UP_MAX, contract.TOP_UP_MAX);
    for (const p of TOP_UP_PRESETS) assert.deepEqual(checkAmount(String(p)), { ok: true, amount: p });
  });
  it('reads what people type: separators, spaces and a trailing P', () => {
    assert.deepEqual(checkAmount('10,000'), { ok: true, amount: 10_000 });
    assert.deepEqual(checkAmount(' 25 000 P '), { ok: true, amount: 25_000 });
    assert.deepEqual(checkAmount('1000p'), { ok: true, amount: 1_000 });
    assert.deepEqual(checkAmount('1,000,000'), { ok: true, amount: 1_000_000 });
  });
  it('refuses nothing, fractions, negatives and words', () => {
    for (const typed of ['', '  ', 'P'])
      assert.deepEqual(checkAmount(typed), { ok: false, problem: 'empty' });
    for (const typed of ['1.5', '1000.0', '-1000', 'abc', '1e4', '0x10'])
      assert.deepEqual(checkAmount(typed), { ok: false, problem: 'notWhole' }, typed);
  });
  it('refuses below the least and above the most', () => {
    assert.deepEqual(checkAmount('999'), { ok: false, problem: 'tooLow' });
    assert.deepEqual(checkAmount('0'), { ok: false, problem: 'tooLow' });
    assert.deepEqual(checkAmount('1000001'), { ok: false, problem: 'tooHigh' });
    assert.deepEqual(checkAmount('99999999999999999999'), { ok: false, problem: 'tooHigh' });
  });
});

describe('a top-up intent', () => {
  let n = 0;
  const key = () => `key-${++n}`;
  it('the same amount after an unknown outcome keeps its key; another amount gets a new one', () => {
    const first = topUpIntentFor(null, 5_000, key);
    assert.equal(topUpIntentFor(first, 5_000, key), first);
    const other = topUpIntentFor(first, 10_000, key);
    assert.notEqual(other.key, first.key);
    assert.equal(other.amount, 10_000);
  });
});

describe('the payment’s return to /store/points', () => {
  it('paid: the top-up and the key to confirm', () => {
    assert.deepEqual(topUpReturn('?topUp=4&paymentKey=pk_9&orderId=top-up-4-x&amount=5000'), {
      topUpId: 4,
      result: { kind: 'authorised', paymentKey: 'pk_9', amount: 5000 },
    });
  });
  it('declined or cancelled at the checkout: a failure, with its message', () => {
    assert.deepEqual(topUpReturn('?topUp=4&paymentKey=pk_9&code=USER_DECLINED&message=declined'), {
      topUpId: 4,
      result: { kind: 'failed', code: 'USER_DECLINED', message: 'declined' },
    });
  });
  it('anything else is an ordinary visit', () => {
    for (const q of ['', '?topUp=4', '?paymentKey=pk_9', '?topUp=x&paymentKey=pk_9', '?topUp=0&code=X'])
      assert.equal(topUpReturn(q), null, q);
  });
});
