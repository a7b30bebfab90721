// Helpers of the mini-homepage and meta asset suites: assets made and granted by the admin,
// follows, private accounts, and the environment both suites run with.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Api, Loose, SignedUp } from '@chat/testing';

/** Many writes per test user; the gateway's per-client social bucket out of the way. */
export const ROOMS_SUITE_ENV = {
  REST_WRITE_RATE_PER_MIN: '100000',
  GATEWAY_LIMIT_SOCIAL: '100000/100000',
} as const;

/** A category of its own, so that a test's catalog listing sees only its assets. */
export const uniqueCategory = () => `c-${randomUUID().slice(0, 8)}`;

/** An asset made by the admin (201 asserted). */
export async function createAsset(
  api: Api,
  adminToken: string,
  overrides: Record<string, unknown> = {},
): Promise<Loose> {
  const res = await api.post(
    '/api/social/admin/assets',
    { kind: 'DECORATION', category: 'furniture', name: `Item ${randomUUID().slice(0, 6)}`, ...overrides },
    { token: adminToken },
  );
  assert.equal(res.status, 201, res.text);
  return res.body;
}

export function grantAsset(api: Api, adminToken: string, assetId: number, userId: number) {
  return api.post(`/api/social/admin/assets/${assetId}/grants`, { userId }, { token: adminToken });
}

/** `n` DECORATION assets granted to `owner`: their ids. */
export async function ownedDecorations(
  api: Api,
  adminToken: string,
  owner: SignedUp,
  n: number,
): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const asset = await createAsset(api, adminToken);
    const res = await grantAsset(api, adminToken, asset.id, owner.userId);
    assert.equal(res.status, 201, res.text);
    ids.push(asset.id);
  }
  return ids;
}

export async function follow(api: Api, who: SignedUp, userId: number): Promise<void> {
  const res = await api.post(`/api/social/users/${userId}/follow`, undefined, { token: who.token });
  assert.equal(res.status, 200, res.text);
}

export async function makePrivate(api: Api, who: SignedUp): Promise<void> {
  const res = await api.patch('/api/social/me/settings', { private: true }, { token: who.token });
  assert.equal(res.status, 200, res.text);
}

export async function myRoom(api: Api, who: SignedUp): Promise<Loose> {
  const res = await api.get('/api/social/me/room', { token: who.token });
  assert.equal(res.status, 200, res.text);
  return res.body;
}

/** `n` users signed up, a few at a time. */
export async function signupMany(
  api: Api,
  n: number,
  signup: (api: Api) => Promise<SignedUp>,
): Promise<SignedUp[]> {
  const users: SignedUp[] = [];
  while (users.length < n) {
    const batch = Math.min(10, n - users.length);
    users.push(...(await Promise.all(Array.from({ length: batch }, () => signup(api)))));
  }
  return users;
}
