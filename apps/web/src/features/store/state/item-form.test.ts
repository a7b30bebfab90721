import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { altsOf, emptyItemFields, grantBody, imageProblem, itemBody, parsePoints } from './item-form.ts';

const fields = {
  ...emptyItemFields,
  title: ' 냥냥 펀치 ',
  artist: '김작가',
  description: '고양이가 인사해요',
  price: '1,200',
  category: '동물',
  tags: '고양이, 귀여움,, ',
  alts: '안녕\n고마워, 최고\n\n',
};

describe('new pack form', () => {
  it('turns the fields into the create body', () => {
    assert.deepEqual(itemBody(fields), {
      body: {
        title: '냥냥 펀치',
        artist: '김작가',
        description: '고양이가 인사해요',
        price: 1200,
        category: '동물',
        tags: ['고양이', '귀여움'],
        emoticons: [{ alt: '안녕' }, { alt: '고마워' }, { alt: '최고' }],
        active: true,
      },
      errors: null,
    });
  });

  it('names every wrong field at once', () => {
    const r = itemBody({
      ...fields,
      title: '',
      artist: 'a'.repeat(41),
      price: '-5',
      category: ' ',
      tags: Array.from({ length: 11 }, (_, i) => `t${i}`).join(','),
      alts: '',
    });
    assert.equal(r.body, null);
    assert.deepEqual(Object.keys(r.errors ?? {}).sort(), [
      'alts',
      'artist',
      'category',
      'price',
      'tags',
      'title',
    ]);
    assert.equal(itemBody({ ...fields, alts: 'x'.repeat(17) }).errors?.alts, 'storeAltsInvalid');
    assert.equal(
      itemBody({ ...fields, alts: Array(33).fill('a').join('\n') }).errors?.alts,
      'storeAltsInvalid',
    );
  });

  it('points are whole numbers within the limit', () => {
    assert.deepEqual(
      ['0', '1 000', '1,000,000', '1000001', '1.5', '-1', '', 'abc', '1e3'].map((t) =>
        parsePoints(t, 1_000_000),
      ),
      [0, 1000, 1_000_000, null, null, null, null, null, null],
    );
    assert.equal(parsePoints('0', 10, 1), null);
  });

  it('one image picker per alt typed so far', () => {
    assert.deepEqual(altsOf('a, b\nc'), ['a', 'b', 'c']);
    assert.equal(altsOf(Array(40).fill('a').join(',')).length, 32);
  });

  it('images: png, gif, webp or jpeg up to 1 MB', () => {
    assert.equal(imageProblem({ type: 'image/png', size: 1_048_576 }), null);
    assert.equal(imageProblem({ type: 'image/png', size: 1_048_577 }), 'storeImageSize');
    assert.equal(imageProblem({ type: 'image/svg+xml', size: 10 }), 'storeImageType');
  });
});

describe('grant form', () => {
  it('a user, a whole amount of at least 1, a reason', () => {
    assert.deepEqual(grantBody({ userId: 5, amount: '5,000', reason: ' 이벤트 ' }), {
      body: { userId: 5, amount: 5000, reason: '이벤트' },
      errors: null,
    });
    assert.deepEqual(grantBody({ userId: null, amount: '0', reason: '' }).errors, {
      userId: 'storeGrantPickUser',
      amount: 'storeGrantAmountInvalid',
      reason: 'storeGrantReasonInvalid',
    });
    assert.equal(
      grantBody({ userId: 1, amount: '10000001', reason: 'x' }).errors?.amount,
      'storeGrantAmountInvalid',
    );
  });
});
