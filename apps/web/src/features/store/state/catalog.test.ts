import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as contract from '@chat/contracts';
import type { StoreItemSummary } from '../../../lib/wire.ts';
import {
  appendPage,
  catalogPath,
  EMOTICON_IMAGE_MAX,
  EMOTICON_IMAGE_TYPES,
  EMOTICONS_MAX,
  GIFT_MESSAGE_MAX,
  GRANT_MAX,
  PRICE_MAX,
  pointsLabel,
} from './catalog.ts';

const item = (id: number): StoreItemSummary => ({
  id,
  title: `pack ${id}`,
  artist: 'a',
  price: 100,
  category: 'cute',
  tags: [],
  cover: { index: 0, alt: 'hi', imageUrl: `/api/store/items/${id}/emoticons/0/image` },
  onSale: true,
  owned: false,
});

describe('catalog', () => {
  it("the client's limits are the contract's", () => {
    assert.deepEqual(
      [PRICE_MAX, GRANT_MAX, EMOTICONS_MAX, GIFT_MESSAGE_MAX, EMOTICON_IMAGE_MAX, [...EMOTICON_IMAGE_TYPES]],
      [
        contract.PRICE_MAX,
        contract.GRANT_MAX,
        contract.EMOTICONS_MAX,
        contract.GIFT_MESSAGE_MAX,
        contract.EMOTICON_IMAGE_MAX,
        [...contract.EMOTICON_IMAGE_TYPES],
      ],
    );
  });

  it('the path of a search: blank parts left out, text encoded, the cursor for later pages', () => {
    assert.equal(catalogPath({ q: '  ', category: null }), '/api/store/items?size=24');
    assert.equal(
      catalogPath({ q: ' 고양이 & 개 ', category: '귀여운' }, 40, 10),
      `/api/store/items?q=${encodeURIComponent('고양이 & 개').replace(/%20/g, '+')}&category=${encodeURIComponent('귀여운')}&cursor=40&size=10`,
    );
    assert.equal(
      catalogPath({ q: 'x'.repeat(80), category: null }).length,
      '/api/store/items?q=&size=24'.length + 50,
    );
  });

  it('a next page adds only packs not shown yet', () => {
    assert.deepEqual(
      appendPage([item(1), item(2)], [item(2), item(3)]).map((i) => i.id),
      [1, 2, 3],
    );
  });

  it('points as the reader writes numbers', () => {
    assert.equal(pointsLabel(12000, 'en'), '12,000 P');
    assert.equal(pointsLabel(0, 'ko'), '0 P');
  });
});
