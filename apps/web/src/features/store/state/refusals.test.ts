import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { en, ko } from '../../../i18n/messages.ts';
import { storeRefusalKey } from './refusals.ts';

// The server's words (packages/platform Errors.*), as its error bodies carry them.
const said = (code: string, message: string) => ({
  ko: ko[storeRefusalKey({ code, message })],
  en: en[storeRefusalKey({ code, message })],
});

describe('why the shop refused a purchase or a gift, in the reader’s words', () => {
  it('the store’s own refusals are told apart and translated', () => {
    assert.deepEqual(said('CONFLICT', 'You already hold this pack'), {
      ko: '이미 가지고 있는 이모티콘이에요.',
      en: 'You already have this pack.',
    });
    assert.equal(
      said('CONFLICT', 'The receiver already holds this pack').ko,
      '받는 사람이 이미 가지고 있는 이모티콘이에요.',
    );
    assert.equal(
      said('CONFLICT', 'Not enough points: the balance is 0, the price 100').ko,
      '포인트가 부족해요.',
    );
    assert.equal(said('CONFLICT', 'Item 7 is not on sale').en, 'This pack is not on sale right now.');
    assert.equal(said('NOT_FOUND', 'User 987654321 not found').ko, '받는 사람을 찾을 수 없어요.');
    assert.equal(
      said('BAD_REQUEST', 'body.giftTo must be someone else: buy it for yourself without it').ko,
      '나에게는 선물할 수 없어요. 구매하기로 사 주세요.',
    );
  });
  it('any other refusal is said by its code; an unknown code by a generic sentence, never in English', () => {
    assert.equal(said('CONFLICT', 'Order 3 is PAID: it cannot be cancelled').ko, ko.errConflict);
    assert.equal(said('TOO_MANY_REQUESTS', 'Too many requests, slow down').ko, ko.errTooMany);
    // The same words under another code are not the store's reason.
    assert.equal(said('FORBIDDEN', 'You already hold this pack').ko, ko.errForbidden);
    const odd = said('ERROR', 'Bad Gateway');
    assert.equal(odd.ko, '문제가 생겼어요. 잠시 후 다시 시도해 주세요.');
    assert.equal(odd.en, 'Something went wrong. Please try again.');
  });
});
