import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MetaAsset } from '@chat/contracts';
import { adminAssetsPath, emptyAssetList, imageSrc, withAsset, withPage } from './asset-list.ts';

const asset = (id: number, kind: MetaAsset['kind'] = 'DECORATION'): MetaAsset => ({
  id,
  kind,
  category: '가구',
  name: `asset ${id}`,
  description: '',
  imageUrl: `/api/social/assets/${id}/image`,
  active: true,
  owned: false,
});

describe('asset list', () => {
  it('the request path: the kind when one is picked, the cursor from the second page', () => {
    assert.equal(adminAssetsPath(null), '/api/social/admin/assets?size=20');
    assert.equal(adminAssetsPath('AVATAR', 41, 10), '/api/social/admin/assets?kind=AVATAR&cursor=41&size=10');
  });

  it('pages are appended without repeating an asset, the cursor is the last page’s', () => {
    const first = withPage(emptyAssetList, { assets: [asset(9), asset(8)], nextCursor: 8 });
    assert.equal(first.loaded, true);
    const second = withPage(first, { assets: [asset(8), asset(7)], nextCursor: null });
    assert.deepEqual(
      second.assets.map((a) => a.id),
      [9, 8, 7],
    );
    assert.equal(second.nextCursor, null);
  });

  it('a created asset goes first when of the kind shown; a changed one stays in its place', () => {
    const list = withPage(emptyAssetList, { assets: [asset(9), asset(8)], nextCursor: 8 });
    assert.deepEqual(
      withAsset(list, asset(10), null).assets.map((a) => a.id),
      [10, 9, 8],
    );
    assert.deepEqual(
      withAsset(list, asset(10, 'AVATAR'), 'DECORATION').assets.map((a) => a.id),
      [9, 8],
    );
    const changed = withAsset(list, { ...asset(8), name: '새 이름', active: false }, 'AVATAR');
    assert.deepEqual(
      changed.assets.map((a) => [a.id, a.name, a.active]),
      [
        [9, 'asset 9', true],
        [8, '새 이름', false],
      ],
    );
    assert.equal(changed.nextCursor, 8);
  });

  it('the image address changes once a new image is uploaded', () => {
    assert.equal(imageSrc(asset(3)), '/api/social/assets/3/image');
    assert.equal(imageSrc(asset(3), 2), '/api/social/assets/3/image?v=2');
    assert.equal(imageSrc({ imageUrl: '/x?a=1' }, 1), '/x?a=1&v=1');
  });
});
