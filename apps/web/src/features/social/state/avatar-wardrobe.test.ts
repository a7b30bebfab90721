import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AVATAR_ITEMS_MAX as CONTRACT_MAX, type MetaAssetRef } from '@chat/contracts';
import { AVATAR_ITEMS_MAX, canChoose, choose, isDirty, wearBody } from './avatar-wardrobe.ts';

const item = (id: number, category: string): MetaAssetRef => ({
  id,
  kind: 'AVATAR',
  category,
  name: `item ${id}`,
  imageUrl: `/api/social/assets/${id}/image`,
});
const ids = (worn: readonly MetaAssetRef[]) => worn.map((w) => w.id);
const hat = item(1, 'hat');
const cap = item(2, 'hat');
const glasses = item(3, 'face');

describe('avatar wardrobe', () => {
  it("keeps the contract's limit", () => {
    assert.equal(AVATAR_ITEMS_MAX, CONTRACT_MAX);
  });

  it('puts an item on top, and takes a worn one off', () => {
    const on = choose(choose([], hat), glasses);
    assert.deepEqual(ids(on), [1, 3]);
    assert.deepEqual(ids(choose(on, hat)), [3]);
    assert.deepEqual(ids(choose(choose(on, hat), glasses)), []);
  });

  it('another item of a worn category replaces it in its place', () => {
    const worn = [hat, glasses];
    assert.deepEqual(ids(choose(worn, cap)), [2, 3]);
    assert.deepEqual(ids(choose(choose(worn, cap), hat)), [1, 3]);
  });

  it('at the limit a new category is refused, a worn category still swaps', () => {
    const full = Array.from({ length: AVATAR_ITEMS_MAX }, (_, i) => item(10 + i, `c${i}`));
    const extra = item(99, 'other');
    assert.equal(canChoose(full, extra), false);
    assert.equal(choose(full, extra), full);
    const swap = item(98, 'c3');
    assert.equal(canChoose(full, swap), true);
    assert.deepEqual(ids(choose(full, swap)).slice(2, 5), [12, 98, 14]);
    assert.equal(canChoose(full, full[0]!), true);
    assert.equal(choose(full, full[0]!).length, AVATAR_ITEMS_MAX - 1);
  });

  it('is dirty when the items or their order differ; the body keeps the order', () => {
    assert.equal(isDirty([hat, glasses], [hat, glasses]), false);
    assert.equal(isDirty([glasses, hat], [hat, glasses]), true);
    assert.equal(isDirty([hat], [hat, glasses]), true);
    assert.equal(isDirty([], []), false);
    assert.deepEqual(wearBody([glasses, hat]), { assetIds: [3, 1] });
    assert.deepEqual(wearBody([]), { assetIds: [] });
  });
});
