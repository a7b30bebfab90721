import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MetaAsset } from '@chat/contracts';
import * as contract from '@chat/contracts';
import {
  ASSET_CATEGORY_MAX,
  ASSET_DESCRIPTION_MAX,
  ASSET_IMAGE_MAX,
  ASSET_IMAGE_TYPES,
  ASSET_KINDS,
  ASSET_NAME_MAX,
  ASSET_NAME_PATTERN,
  assetImageProblem,
  createAssetBody,
  editFieldsOf,
  emptyAssetFields,
  grantRefusal,
  updateAssetBody,
} from './asset-form.ts';

const asset: MetaAsset = {
  id: 7,
  kind: 'DECORATION',
  category: '가구',
  name: '곰 인형',
  description: '',
  imageUrl: '/api/social/assets/7/image',
  active: true,
  owned: false,
};

describe('asset forms', () => {
  it("the client's limits are the contract's", () => {
    const create = contract.CreateMetaAssetBody.properties;
    assert.deepEqual(
      [
        [...ASSET_KINDS],
        ASSET_NAME_MAX,
        ASSET_CATEGORY_MAX,
        ASSET_DESCRIPTION_MAX,
        ASSET_IMAGE_MAX,
        [...ASSET_IMAGE_TYPES],
        ASSET_NAME_PATTERN,
        ASSET_NAME_PATTERN,
      ],
      [
        [...contract.META_ASSET_KINDS],
        create.name.maxLength,
        create.category.maxLength,
        create.description.maxLength,
        contract.META_ASSET_IMAGE_MAX,
        [...contract.META_ASSET_IMAGE_TYPES],
        create.name.pattern,
        contract.NAME_PATTERN,
      ],
    );
  });

  it('turns the fields into the create body, trimmed, an empty description left out', () => {
    assert.deepEqual(
      createAssetBody({ kind: 'DECORATION', category: ' 가구 ', name: ' 선반 ', description: ' ' }),
      {
        body: { kind: 'DECORATION', category: '가구', name: '선반' },
        errors: null,
      },
    );
    assert.deepEqual(
      createAssetBody({ kind: 'AVATAR', category: 'hat', name: 'Cap', description: 'A red cap' }).body,
      { kind: 'AVATAR', category: 'hat', name: 'Cap', description: 'A red cap' },
    );
  });

  it('names every wrong field at once', () => {
    assert.deepEqual(createAssetBody(emptyAssetFields).errors, {
      name: 'assetNameInvalid',
      category: 'assetCategoryInvalid',
    });
    const r = createAssetBody({
      kind: 'HAT' as never,
      category: 'c'.repeat(31),
      name: 'n'.repeat(41),
      description: 'd'.repeat(301),
    });
    assert.deepEqual(r.errors, {
      name: 'assetNameInvalid',
      category: 'assetCategoryInvalid',
      description: 'assetDescriptionInvalid',
      kind: 'assetKindInvalid',
    });
  });

  it('lengths count characters, not UTF-16 units; invisible and control characters are refused', () => {
    const fields = { ...emptyAssetFields, category: '가구' };
    assert.equal(createAssetBody({ ...fields, name: '🐻'.repeat(40) }).errors, null);
    assert.equal(createAssetBody({ ...fields, name: '🐻'.repeat(41) }).errors?.name, 'assetNameInvalid');
    assert.equal(createAssetBody({ ...fields, name: '곰\u200b인형' }).errors?.name, 'assetNameInvalid');
    assert.equal(createAssetBody({ ...fields, name: '곰\n인형' }).errors?.name, 'assetNameInvalid');
    assert.equal(createAssetBody({ ...fields, name: '\u200d' }).errors?.name, 'assetNameInvalid');
  });

  it('the edit body holds only what changed', () => {
    assert.deepEqual(updateAssetBody(asset, editFieldsOf(asset)), { body: {}, errors: null });
    assert.deepEqual(
      updateAssetBody(asset, { ...editFieldsOf(asset), name: ' 큰 곰 ', description: '푹신' }),
      {
        body: { name: '큰 곰', description: '푹신' },
        errors: null,
      },
    );
    assert.deepEqual(updateAssetBody(asset, { ...editFieldsOf(asset), category: '' }).errors, {
      category: 'assetCategoryInvalid',
    });
  });

  it('images: png, gif, webp or jpeg, not empty, up to 1 MB', () => {
    assert.equal(assetImageProblem({ type: 'image/webp', size: 1_048_576 }), null);
    assert.equal(assetImageProblem({ type: 'image/png', size: 1_048_577 }), 'assetImageSize');
    assert.equal(assetImageProblem({ type: 'image/png', size: 0 }), 'assetImageEmpty');
    assert.equal(assetImageProblem({ type: 'image/svg+xml', size: 10 }), 'assetImageType');
  });

  it('a refused grant: already owned, withdrawn, or the server’s message', () => {
    const owned = { status: 409, message: 'User 3 already owns asset 7' };
    const withdrawn = { status: 409, message: 'Asset 7 is withdrawn from the catalog: it cannot be granted' };
    assert.equal(grantRefusal(owned, true), 'assetGrantOwned');
    assert.equal(grantRefusal(withdrawn, true), 'assetGrantWithdrawn');
    assert.equal(grantRefusal({ status: 409, message: '' }, false), 'assetGrantWithdrawn');
    assert.equal(grantRefusal({ status: 404, message: 'User 3 not found' }, true), null);
  });
});
