import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { en, ko } from '../../../i18n/messages.ts';
import type { Message } from '../../../lib/wire.ts';
import { giftMessage, systemText } from './system-text.ts';

const message = (system: Message['system'], content = '서버 문장'): Message => ({
  id: 1,
  seq: 1,
  messageKey: 'k',
  roomId: 1,
  senderId: 1,
  senderNickname: '민수',
  content,
  type: 'SYSTEM',
  createdAt: '2026-12-05T00:00:00.000Z',
  timestamp: 0,
  system,
});

describe('systemText', () => {
  const invited = message({
    event: 'MEMBERS_INVITED',
    actor: { userId: 1, nickname: '민수' },
    users: [
      { userId: 2, nickname: '밥' },
      { userId: 3, nickname: 'Kim' },
    ],
  });
  it('words the event in the reader language', () => {
    assert.equal(
      systemText(invited, (k) => ko[k]),
      '민수님이 밥, Kim님을 초대했습니다.',
    );
    assert.equal(
      systemText(invited, (k) => en[k]),
      '민수 invited 밥, Kim.',
    );
    const renamed = message({
      event: 'ROOM_RENAMED',
      actor: { userId: 1, nickname: 'Kim' },
      users: [],
      name: '새 방',
    });
    assert.equal(
      systemText(renamed, (k) => en[k]),
      'Kim renamed the chat to "새 방".',
    );
  });
  it("falls back to the server's text without an event", () => {
    assert.equal(
      systemText(message(null, '옛 문장'), (k) => en[k]),
      '옛 문장',
    );
  });
  it("words a gift with its pack, and keeps the giver's message apart", () => {
    const gift = message({
      event: 'GIFT_SENT',
      actor: { userId: 1, nickname: '민수' },
      users: [{ userId: 2, nickname: 'Kim' }],
      gift: { orderId: 9, itemId: 3, itemTitle: '냥냥 펀치', message: '생일 축하해!' },
    });
    assert.equal(
      systemText(gift, (k) => ko[k]),
      '민수님이 Kim님에게 "냥냥 펀치" 이모티콘을 선물했습니다.',
    );
    assert.equal(
      systemText(gift, (k) => en[k]),
      '민수 gave Kim the emoticon pack "냥냥 펀치".',
    );
    assert.equal(giftMessage(gift), '생일 축하해!');
    assert.equal(giftMessage(invited), null);
  });
});
