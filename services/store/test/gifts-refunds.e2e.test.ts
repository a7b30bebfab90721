// Gifts, declines and refunds end to end, embedded and on PostgreSQL + Redis + NATS: the money
// goes back where it came from, a used pack is refundable only by an administrator, and a
// late refund is refused. The ledger sums to zero after every test.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { afterEach, test } from 'node:test';
import { EMOTICON_USAGE_TOPIC } from '@chat/contracts';
import { describeOnBackends, eventually, signup } from '@chat/testing';
import { assertLedgerBalanced, balance, createPack, grant, order, orderReaches } from './store-fixtures.ts';

await describeOnBackends('store: gifts and refunds', (p) => {
  afterEach(async () => assertLedgerBalanced(p().api, p().admin.token));

  /** What chat reports when a user first sends an emoticon of the pack. */
  async function useInChat(userId: number, itemId: number): Promise<void> {
    const log = p().server.server.infra.log;
    await log.ensureTopic(EMOTICON_USAGE_TOPIC);
    const event = {
      type: 'EmoticonUsed',
      eventId: randomUUID(),
      occurredAt: Date.now(),
      userId,
      itemId,
      usedAt: Date.now(),
    };
    await log.append(EMOTICON_USAGE_TOPIC, [
      { key: `user:${userId}`, value: JSON.stringify(event), id: event.eventId },
    ]);
    await eventually(async () => {
      const res = await p().api.get('/api/store/me/emoticons', { token: (await tokens.get(userId))! });
      return res.body.packs.find((x: { itemId: number }) => x.itemId === itemId)?.usedAt;
    });
  }
  const tokens = new Map<number, string>();

  test('a gift: the friend holds the pack, the giver paid; declining it refunds the giver', async () => {
    const { api, admin } = p();
    const giver = await signup(api);
    const friend = await signup(api);
    const pack = await createPack(api, admin.token, { price: 2000 });
    await grant(api, admin.token, giver.userId, 3000);

    const res = await order(api, giver.token, {
      itemId: pack.id,
      method: 'POINTS',
      giftTo: friend.userId,
      giftMessage: '생일 축하해!',
    });
    assert.equal(res.status, 201, res.text);
    await orderReaches(api, giver.token, res.body.id, 'FULFILLED');
    assert.equal(await balance(api, giver.token), 1000);
    const theirs = await api.get('/api/store/me/emoticons', { token: friend.token });
    assert.deepEqual(
      theirs.body.packs.map((x: { itemId: number; giftFrom: number }) => [x.itemId, x.giftFrom]),
      [[pack.id, giver.userId]],
    );
    const mine = await api.get('/api/store/me/emoticons', { token: giver.token });
    assert.deepEqual(mine.body.packs, [], 'a gift is not the giver’s');
    const seen = await api.get(`/api/store/orders/${res.body.id}`, { token: friend.token });
    assert.equal(seen.body.giftMessage, '생일 축하해!');

    const notTheirs = await api.post(`/api/store/orders/${res.body.id}/decline`, {}, { token: giver.token });
    assert.equal(notTheirs.status, 404, 'only the receiver declines');
    const declined = await api.post(`/api/store/orders/${res.body.id}/decline`, {}, { token: friend.token });
    assert.equal(declined.status, 200, declined.text);
    assert.equal(declined.body.status, 'REFUNDED');
    assert.match(declined.body.transitions.at(-1).reason, /declined/);
    assert.equal(await balance(api, giver.token), 3000);
    assert.deepEqual((await api.get('/api/store/me/emoticons', { token: friend.token })).body.packs, []);
  });

  test('a gift to someone who holds the pack is refused; to myself or to nobody, a clear error', async () => {
    const { api, admin } = p();
    const giver = await signup(api);
    const friend = await signup(api);
    const pack = await createPack(api, admin.token, { price: 500 });
    await grant(api, admin.token, giver.userId, 2000);
    await grant(api, admin.token, friend.userId, 2000);
    const own = await order(api, friend.token, { itemId: pack.id, method: 'POINTS' });
    await orderReaches(api, friend.token, own.body.id, 'FULFILLED');

    const held = await order(api, giver.token, { itemId: pack.id, method: 'POINTS', giftTo: friend.userId });
    assert.equal(held.status, 409);
    assert.match(held.body.message, /receiver already holds/);
    const self = await order(api, giver.token, { itemId: pack.id, method: 'POINTS', giftTo: giver.userId });
    assert.equal(self.status, 400);
    const nobody = await order(api, giver.token, { itemId: pack.id, method: 'POINTS', giftTo: 987_654_321 });
    assert.equal(nobody.status, 404);
    assert.equal(await balance(api, giver.token), 2000, 'nothing was charged');
  });

  test('refunds: unused within 7 days by the buyer; a used pack only by an admin; a late one refused', async () => {
    const { api, admin } = p();
    const buyer = await signup(api);
    tokens.set(buyer.userId, buyer.token);
    const [a, b, c] = [
      await createPack(api, admin.token, { price: 100 }),
      await createPack(api, admin.token, { price: 200 }),
      await createPack(api, admin.token, { price: 300 }),
    ];
    await grant(api, admin.token, buyer.userId, 600);
    const orders = [];
    for (const pack of [a, b, c]) {
      const res = await order(api, buyer.token, { itemId: pack.id, method: 'POINTS' });
      orders.push(await orderReaches(api, buyer.token, res.body.id, 'FULFILLED'));
    }
    assert.equal(await balance(api, buyer.token), 0);

    // a: unused, fresh: refunded.
    assert.ok(orders[0].refundableUntil);
    const refunded = await api.post(
      `/api/store/orders/${orders[0].id}/refund`,
      { reason: 'changed my mind' },
      { token: buyer.token },
    );
    assert.equal(refunded.status, 200, refunded.text);
    assert.equal(await balance(api, buyer.token), 100);
    const twice = await api.post(`/api/store/orders/${orders[0].id}/refund`, {}, { token: buyer.token });
    assert.equal(twice.status, 409, 'a refund happens once');
    assert.equal(await balance(api, buyer.token), 100);

    // b: used in a chat: the buyer cannot refund it, an administrator can.
    await useInChat(buyer.userId, b.id);
    const used = await api.post(`/api/store/orders/${orders[1].id}/refund`, {}, { token: buyer.token });
    assert.equal(used.status, 409);
    assert.match(used.body.message, /already used/);
    const byAdmin = await api.post(
      `/api/store/admin/orders/${orders[1].id}/refund`,
      { reason: 'support case 42' },
      { token: admin.token },
    );
    assert.equal(byAdmin.status, 200, byAdmin.text);
    assert.equal(byAdmin.body.transitions.at(-1).actor, `admin:${admin.userId}`);
    assert.equal(await balance(api, buyer.token), 300);

    // c: bought 8 days ago.
    await p().server.server.infra.db.query(
      "update store.orders set paid_at = now() - interval '8 days' where id = $1",
      [orders[2].id],
    );
    const late = await api.post(`/api/store/orders/${orders[2].id}/refund`, {}, { token: buyer.token });
    assert.equal(late.status, 409);
    assert.match(late.body.message, /more than 7 days/);
    assert.equal(await balance(api, buyer.token), 300);
    const history = await api.get('/api/store/me/points', { token: buyer.token });
    assert.deepEqual(
      history.body.entries.map((e: { kind: string; amount: number }) => [e.kind, e.amount]),
      [
        ['REFUND', 200],
        ['REFUND', 100],
        ['PURCHASE', -300],
        ['PURCHASE', -200],
        ['PURCHASE', -100],
        ['GRANT', 600],
      ],
    );
  });
});
