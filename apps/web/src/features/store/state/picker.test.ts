import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OwnedPack } from '../../../lib/wire.ts';
import { openPack, picked, pickerPacks, rememberedPack, rememberPack } from './picker.ts';

const pack = (itemId: number, acquiredAt: string): OwnedPack => ({
  itemId,
  title: `pack ${itemId}`,
  artist: 'a',
  emoticons: [
    { index: 0, alt: '안녕', imageUrl: `/api/store/items/${itemId}/emoticons/0/image` },
    { index: 1, alt: '고마워', imageUrl: `/api/store/items/${itemId}/emoticons/1/image` },
  ],
  orderId: itemId * 10,
  giftFrom: null,
  acquiredAt,
  usedAt: null,
});

describe('emoticon picker', () => {
  const packs = pickerPacks([pack(1, '2026-12-01T00:00:00Z'), pack(2, '2026-12-05T00:00:00Z')]);
  it('newest pack first', () => {
    assert.deepEqual(
      packs.map((p) => p.itemId),
      [2, 1],
    );
  });
  it('opens the pack chosen last while I hold it, else the first; none without packs', () => {
    assert.equal(openPack(packs, 1)?.itemId, 1);
    assert.equal(openPack(packs, 99)?.itemId, 2);
    assert.equal(openPack(packs, null)?.itemId, 2);
    assert.equal(openPack([], 1), null);
  });
  it('a choice is what the room sends and shows', () => {
    assert.deepEqual(picked(packs[0]!, 1), {
      itemId: 2,
      index: 1,
      alt: '고마워',
      imageUrl: '/api/store/items/2/emoticons/1/image',
    });
    assert.equal(picked(packs[0]!, 5), null);
  });
  it('remembers the last pack per user', () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => store.set(k, v),
    };
    assert.equal(rememberedPack(storage, 1), null);
    rememberPack(storage, 1, 7);
    assert.equal(rememberedPack(storage, 1), 7);
    assert.equal(rememberedPack(storage, 2), null);
    store.set('chat.emoticonPack.3', 'junk');
    assert.equal(rememberedPack(storage, 3), null);
  });
});
