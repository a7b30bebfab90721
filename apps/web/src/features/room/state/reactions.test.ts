import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Message } from '../../../lib/wire.ts';
import { emojiOf, myReaction, toggled } from './reactions.ts';

const message = (reactions: Message['reactions']): Message => ({
  id: 1,
  seq: 1,
  messageKey: 'k',
  roomId: 1,
  senderId: 2,
  senderNickname: '민수',
  content: '안녕',
  type: 'TEXT',
  createdAt: '2026-12-05T00:00:00.000Z',
  timestamp: 0,
  reactions,
});

describe('reactions', () => {
  it('tapping mine takes it back; tapping another sets or switches to it', () => {
    const m = message([
      { reaction: 'HEART', count: 2, userIds: [7, 8] },
      { reaction: 'LIKE', count: 1, userIds: [9] },
    ]);
    assert.equal(myReaction(m, 7), 'HEART');
    assert.equal(toggled(m, 7, 'HEART'), null);
    assert.equal(toggled(m, 7, 'LIKE'), 'LIKE');
    assert.equal(myReaction(m, 5), null);
    assert.equal(toggled(m, 5, 'HEART'), 'HEART');
    assert.equal(myReaction(message(undefined), 7), null);
  });

  it('shows the emoji of the six, and the name of any other', () => {
    assert.equal(emojiOf('HEART'), '❤️');
    assert.equal(emojiOf('PARTY'), 'party');
  });
});
