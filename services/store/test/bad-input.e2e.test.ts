// What the store answers to bad input: a clear error in the contract's shape, nothing changed,
// never a 500 (embedded; the checks are the same code on every backend).
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { describeOnBackends, type Loose, signup } from '@chat/testing';
import {
  assertLedgerBalanced,
  balance,
  createPack,
  grant,
  key,
  order,
  orderReaches,
} from './store-fixtures.ts';

await describeOnBackends(
  'store: bad input',
  (p) => {
    afterEach(async () => assertLedgerBalanced(p().api, p().admin.token));

    const isError = (res: Loose, status: number) => {
      assert.equal(res.status, status, res.text);
      assert.deepEqual(Object.keys(res.body).sort(), ['error', 'message', 'path', 'status', 'timestamp']);
      assert.doesNotMatch(res.text, /at \w+ \(|node_modules|password/i);
    };

    test('items: negative, fractional or huge prices, bad fields, a bad sale period', async () => {
      const { api, admin } = p();
      const base = {
        title: 'x',
        artist: 'y',
        description: '',
        price: 100,
        category: 'c',
        tags: [],
        emoticons: [{ alt: '🙂' }],
      };
      for (const bad of [
        { price: -1 },
        { price: 1.5 },
        { price: 1e9 },
        { price: '100' },
        { emoticons: [] },
        { emoticons: Array.from({ length: 33 }, () => ({ alt: 'a' })) },
        { title: '' },
        { saleStartsAt: '2027-01-02T00:00:00Z', saleEndsAt: '2027-01-01T00:00:00Z' },
        { saleStartsAt: '0000-01-01T00:00:00Z' },
      ]) {
        isError(await api.post('/api/store/admin/items', { ...base, ...bad }, { token: admin.token }), 400);
      }
      const user = await signup(api);
      isError(await api.post('/api/store/admin/items', base, { token: user.token }), 403);
      isError(await api.post('/api/store/admin/items', base), 401);
      isError(await api.get('/api/store/admin/sales?from=0000-01-01', { token: admin.token }), 400);
      // An offset the database would refuse (beyond ±15:59) is taken as the instant it names.
      const odd = await api.post(
        '/api/store/admin/items',
        { ...base, saleEndsAt: '2027-01-01T00:00:00+16:00' },
        { token: admin.token },
      );
      assert.equal(odd.status, 201, odd.text);
      assert.equal(odd.body.saleEndsAt, '2026-12-31T08:00:00.000Z');
      const catalog = await api.get('/api/store/items?q=%25', { token: user.token });
      assert.equal(catalog.status, 200);
    });

    test('orders: unknown or inactive items, missing or bad keys, bad methods change nothing', async () => {
      const { api, admin } = p();
      const buyer = await signup(api);
      await grant(api, admin.token, buyer.userId, 1000);
      const pack = await createPack(api, admin.token, { price: 100 });
      isError(await order(api, buyer.token, { itemId: 999_999, method: 'POINTS' }), 404);
      isError(
        await api.post('/api/store/orders', { itemId: pack.id, method: 'POINTS' }, { token: buyer.token }),
        400,
      );
      isError(await order(api, buyer.token, { itemId: pack.id, method: 'POINTS' }, 'short'), 400);
      isError(await order(api, buyer.token, { itemId: pack.id, method: 'BITCOIN' }), 400);
      isError(await order(api, buyer.token, { itemId: -1, method: 'POINTS' }), 400);

      const off = await api.patch(
        `/api/store/admin/items/${pack.id}`,
        { active: false },
        { token: admin.token },
      );
      assert.equal(off.status, 200, off.text);
      isError(await order(api, buyer.token, { itemId: pack.id, method: 'POINTS' }), 409);
      isError(await api.get(`/api/store/items/${pack.id}`, { token: buyer.token }), 404);
      const future = await createPack(api, admin.token, {
        saleStartsAt: new Date(Date.now() + 86_400_000).toISOString(),
      });
      isError(await order(api, buyer.token, { itemId: future.id, method: 'POINTS' }), 409);
      isError(await api.patch(`/api/store/admin/items/${pack.id}`, {}, { token: admin.token }), 400);
      assert.equal(await balance(api, buyer.token), 1000);
      assert.deepEqual((await api.get('/api/store/orders', { token: buyer.token })).body.orders, []);

      // Unknown fields are dropped: a client cannot name its own price.
      await api.patch(`/api/store/admin/items/${pack.id}`, { active: true }, { token: admin.token });
      const cheap = await order(api, buyer.token, { itemId: pack.id, method: 'POINTS', price: 1 });
      assert.equal(cheap.status, 201, cheap.text);
      assert.equal(cheap.body.price, 100);
      await orderReaches(api, buyer.token, cheap.body.id, 'FULFILLED');
      assert.equal(await balance(api, buyer.token), 900);
    });

    test('order actions: others’ orders are not found, wrong states and payment keys are refused', async () => {
      const { api, admin } = p();
      const buyer = await signup(api);
      const stranger = await signup(api);
      await grant(api, admin.token, buyer.userId, 1000);
      const pack = await createPack(api, admin.token, { price: 100 });
      const res = await order(api, buyer.token, { itemId: pack.id, method: 'POINTS' });
      await orderReaches(api, buyer.token, res.body.id, 'FULFILLED');
      const id = res.body.id;
      isError(await api.get(`/api/store/orders/${id}`, { token: stranger.token }), 404);
      isError(await api.post(`/api/store/orders/${id}/refund`, {}, { token: stranger.token }), 404);
      isError(await api.post(`/api/store/orders/${id}/cancel`, {}, { token: buyer.token }), 409);
      isError(
        await api.post(`/api/store/orders/${id}/confirm`, { paymentKey: 'nope' }, { token: buyer.token }),
        409,
      );
      isError(await api.post(`/api/store/orders/${id}/decline`, {}, { token: buyer.token }), 404);
      isError(await api.post('/api/store/orders/999999/refund', {}, { token: buyer.token }), 404);
      assert.equal(await balance(api, buyer.token), 900);
    });

    test('points: bad grants are refused; a grant key counts once', async () => {
      const { api, admin } = p();
      const user = await signup(api);
      const post = (body: unknown, k = key()) =>
        api.post('/api/store/admin/points/grants', body, {
          token: admin.token,
          headers: { 'idempotency-key': k },
        });
      for (const amount of [0, -5, 2.5, 1e12])
        isError(await post({ userId: user.userId, amount, reason: 'r' }), 400);
      isError(await post({ userId: 999_999_999, amount: 5, reason: 'r' }), 404);
      const k = key();
      assert.equal((await post({ userId: user.userId, amount: 50, reason: 'r' }, k)).status, 201);
      assert.equal((await post({ userId: user.userId, amount: 50, reason: 'r' }, k)).status, 201);
      assert.equal(await balance(api, user.token), 50);
      // The same key for another grant is refused, not silently ignored.
      isError(await post({ userId: user.userId, amount: 500, reason: 'r' }, k), 409);
      assert.equal(await balance(api, user.token), 50);
    });

    test('images: wrong type, empty, too large; an unknown emoticon', async () => {
      const { api, admin } = p();
      const pack = await createPack(api, admin.token);
      const put = (type: string, body: Buffer, index = 0) =>
        fetch(`${p().server.url}/api/store/admin/items/${pack.id}/emoticons/${index}/image`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${admin.token}`, 'content-type': type },
          body,
        });
      assert.equal((await put('text/html', Buffer.from('<script>'))).status, 400);
      assert.equal((await put('image/png', Buffer.alloc(0))).status, 400);
      assert.equal((await put('image/png', Buffer.alloc(1_048_577))).status, 413);
      assert.equal((await put('image/png', Buffer.from([1, 2, 3]), 9)).status, 404);
      const ok = await put('image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47]));
      assert.equal(ok.status, 200, await ok.text());
      const img = await fetch(`${p().server.url}/api/store/items/${pack.id}/emoticons/0/image`);
      assert.equal(img.headers.get('content-type'), 'image/png');
      assert.deepEqual([...new Uint8Array(await img.arrayBuffer())], [0x89, 0x50, 0x4e, 0x47]);
      const svg = await fetch(`${p().server.url}/api/store/items/${pack.id}/emoticons/1/image`);
      assert.equal(svg.headers.get('content-type'), 'image/svg+xml');
      assert.match(await svg.text(), /👍/);
    });
  },
  { kinds: ['embedded'] },
);
