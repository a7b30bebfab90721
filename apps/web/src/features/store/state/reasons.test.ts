import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { storeKo } from '../../../i18n/store-messages.ts';
import { reasonText, whyOf } from './reasons.ts';

const ko = (reason: string) =>
  reasonText(
    reason,
    (k) => storeKo[k],
    (n) => `${n.toLocaleString('ko-KR')} P`,
  );

describe('why points or an order moved, in the reader’s words', () => {
  it('the store’s own reasons are translated', () => {
    assert.equal(ko('ordered'), '주문');
    assert.equal(ko('ordered as a gift for user 12'), '선물로 주문');
    assert.equal(ko('paid with 1200 points'), '1,200 P로 결제');
    assert.equal(ko('paid by card'), '카드로 결제');
    assert.equal(ko('paid by card (pk_abc)'), '카드로 결제');
    assert.equal(ko('payment confirmed by the provider'), '결제 대행사가 결제를 확인');
    assert.equal(ko('cancelled by the buyer'), '구매자가 취소');
    assert.equal(ko('pack granted to user 3'), '이모티콘 지급');
    assert.equal(ko('payment failed at the provider'), '결제 대행사에서 결제 실패');
    assert.equal(ko('refunded at the buyer’s request'), '구매자 요청으로 환불');
    assert.equal(ko('refunded by an administrator'), '관리자가 환불');
    assert.equal(
      ko('not fulfilled: the receiver already holds this pack'),
      '받는 사람이 이미 가진 이모티콘이라 환불',
    );
    assert.equal(ko('not fulfilled: the buyer already holds this pack'), '이미 가진 이모티콘이라 환불');
    assert.equal(ko('payment cancelled at the provider'), '결제 대행사에서 결제 취소');
    assert.equal(ko('top-up by card (pk_123)'), '카드로 충전');
    assert.equal(ko('top-up cancelled at the provider'), '결제 대행사에서 충전 취소');
  });
  it('what a reason names stays as written: a title, the provider’s or the receiver’s words', () => {
    assert.equal(ko('bought "냥냥 1"'), '“냥냥 1” 구매');
    assert.equal(
      ko('payment declined: the amount does not match'),
      '카드 결제 거절: the amount does not match',
    );
    assert.equal(ko('gift declined by the receiver'), '받는 사람이 선물을 거절');
    assert.equal(ko('gift declined by the receiver: 이미 있어요'), '받는 사람이 선물을 거절: 이미 있어요');
  });
  it('anything else (an administrator’s words) is shown as written; none is nothing', () => {
    assert.equal(ko('이벤트 당첨'), '이벤트 당첨');
    assert.equal(ko('ordered twice'), 'ordered twice');
    assert.equal(ko(''), '');
    assert.equal(whyOf('  '), null);
    assert.deepEqual(whyOf('welcome bonus'), { text: 'welcome bonus' });
  });
});
