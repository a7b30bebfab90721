import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lastDays, salesTotals } from './sales.ts';

test('sales totals add up every pack', () => {
  assert.deepEqual(
    salesTotals([
      { itemId: 1, title: 'a', orders: 3, gifts: 1, refunds: 1, revenue: 2000 },
      { itemId: 2, title: 'b', orders: 2, gifts: 0, refunds: 0, revenue: 1000 },
    ]),
    { orders: 5, gifts: 1, refunds: 1, revenue: 3000 },
  );
  assert.deepEqual(salesTotals([]), { orders: 0, gifts: 0, refunds: 0, revenue: 0 });
});

test('the last n days end with today', () => {
  assert.deepEqual(lastDays('2026-03-02', 14), { from: '2026-02-17', to: '2026-03-02' });
});
