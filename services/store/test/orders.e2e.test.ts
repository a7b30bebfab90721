// Buying with points end to end, embedded and on PostgreSQL + Redis + NATS: the saga fulfils,
// concurrent purchases never overspend, an Idempotency-Key never makes two orders, and the
// ledger sums to zero after every test.
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { describeOnBackends, signup } from '@chat/testing';
import {
  assertLedgerBalanced,
  balance,
  createPack,
  grant,
  key,
  order,
  orderReaches,
} from './store-fixtures.ts';

await describeOnBackends('store: orders paid with points', (p) => {
  afterEach(async () => assertLedgerBalanced(p().api, p().admin.token));

  test('a purchase with points is paid at once, fulfilled by the saga, and the pack is mine', async () => {
    const { api, admin } = p();
    const buyer = await signup(api);
    const pack = await createPack(api, admin.token, { price: 1200 });
    await grant(api, admin.token, buyer.userId, 5000);

    const res = await order(api, buyer.token, { itemId: pack.id, method: 'POINTS' });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.status, 'PAID');
    const done = await orderReaches(api, buyer.token, res.body.id, 'FULFILLED');
    assert.deepEqual(
      done.transitions.map((t: { from: string | null; to: string; actor: string }) => [
        t.from,
        t.to,
        t.actor,
      ]),
      [
        [null, 'CREATED', `user:${buyer.userId}`],
        ['CREATED', 'PAID', `user:${buyer.userId}`],
        ['PAID', 'FULFILLED', 'system'],
      ],
    );
    assert.equal(await balance(api, buyer.token), 3800);
    const mine = await api.get('/api/store/me/emoticons', { token: buyer.token });
    assert.deepEqual(
      mine.body.packs.map((x: { itemId: number }) => x.itemId),
      [pack.id],
    );
    const again = await order(api, buyer.token, { itemId: pack.id, method: 'POINTS' });
    assert.equal(again.status, 409);
    assert.match(again.body.message, /already hold/);
  });

  test('50 concurrent purchases against one balance never overspend', async () => {
    const { api, admin } = p();
    const buyer = await signup(api);
    const packs = [];
    for (let i = 0; i < 50; i++) packs.push(await createPack(api, admin.token, { price: 100 }));
    await grant(api, admin.token, buyer.userId, 1000);

    const results = await Promise.all(
      packs.map((pack) => order(api, buyer.token, { itemId: pack.id, method: 'POINTS' })),
    );
    const paid = results.filter((r) => r.status === 201);
    const refused = results.filter((r) => r.status === 409);
    assert.equal(paid.length, 10, results.map((r) => `${r.status} ${r.body.message ?? ''}`).join('\n'));
    assert.equal(refused.length, 40);
    for (const r of refused) assert.match(r.body.message, /Not enough points/);
    assert.equal(await balance(api, buyer.token), 0);
    for (const r of paid) await orderReaches(api, buyer.token, r.body.id, 'FULFILLED');
  });

  test('the same Idempotency-Key sent 10 times at once makes one order', async () => {
    const { api, admin } = p();
    const buyer = await signup(api);
    const pack = await createPack(api, admin.token, { price: 700 });
    await grant(api, admin.token, buyer.userId, 10_000);
    const k = key();

    const results = await Promise.all(
      Array.from({ length: 10 }, () => order(api, buyer.token, { itemId: pack.id, method: 'POINTS' }, k)),
    );
    assert.deepEqual(
      results.map((r) => r.status).sort(),
      [200, 200, 200, 200, 200, 200, 200, 200, 200, 201],
      results.map((r) => r.text).join('\n'),
    );
    assert.equal(new Set(results.map((r) => r.body.id)).size, 1);
    assert.equal(await balance(api, buyer.token), 9300);
    const mine = await api.get('/api/store/orders', { token: buyer.token });
    assert.equal(mine.body.orders.length, 1);

    const other = await order(api, buyer.token, { itemId: pack.id, method: 'CARD' }, k);
    assert.equal(other.status, 409);
    assert.match(other.body.message, /Idempotency-Key was used for a different request/);
  });
});
