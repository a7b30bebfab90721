import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { type Api, eventually, type Loose } from '@chat/testing';

/** A pack made by the admin: `n` emoticons, on sale. */
export async function createPack(
  api: Api,
  adminToken: string,
  overrides: Record<string, unknown> = {},
): Promise<Loose> {
  const res = await api.post(
    '/api/store/admin/items',
    {
      title: `Pack ${randomUUID().slice(0, 8)}`,
      artist: 'Tester',
      description: 'A pack for tests',
      price: 1000,
      category: 'cute',
      tags: ['test'],
      emoticons: [{ alt: '😀' }, { alt: '👍' }, { alt: '🎉' }],
      ...overrides,
    },
    { token: adminToken },
  );
  assert.equal(res.status, 201, res.text);
  return res.body;
}

export const key = () => `k-${randomUUID()}`;

export async function grant(api: Api, adminToken: string, userId: number, amount: number): Promise<number> {
  const res = await api.post(
    '/api/store/admin/points/grants',
    { userId, amount, reason: 'test grant' },
    { token: adminToken, headers: { 'idempotency-key': key() } },
  );
  assert.equal(res.status, 201, res.text);
  return res.body.balance;
}

export async function balance(api: Api, token: string): Promise<number> {
  const res = await api.get('/api/store/me/points', { token });
  assert.equal(res.status, 200, res.text);
  return res.body.balance;
}

export function order(api: Api, token: string, body: Record<string, unknown>, idempotencyKey = key()) {
  return api.post('/api/store/orders', body, { token, headers: { 'idempotency-key': idempotencyKey } });
}

/** Waits until the order reaches `status` (the saga is asynchronous). */
export async function orderReaches(api: Api, token: string, id: number, status: string): Promise<Loose> {
  return eventually(async () => {
    const res = await api.get(`/api/store/orders/${id}`, { token });
    return res.body.status === status ? res.body : undefined;
  });
}

/** The ledger's invariants: what every test ends with. */
export async function assertLedgerBalanced(api: Api, adminToken: string): Promise<void> {
  const res = await api.get('/api/store/admin/ledger/check', { token: adminToken });
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.body, { sum: 0, unbalancedTransactions: 0, driftedAccounts: 0, negativeBalances: 0 });
}
