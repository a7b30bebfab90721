import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveMentions } from './mentions.ts';

const members = [
  { userId: 1, nickname: '민수' },
  { userId: 2, nickname: '밥' },
  { userId: 3, nickname: '밥 아저씨' },
  { userId: 4, nickname: 'Kim' },
];

describe('resolveMentions', () => {
  it('finds @nicknames of members, ending at a space, a punctuation mark or the end', () => {
    assert.deepEqual(resolveMentions('@밥 내일 봐요, @Kim!', members, 1), [2, 4]);
    assert.deepEqual(resolveMentions('@밥님 안녕', members, 1), [], 'a letter after it: not a mention');
    assert.deepEqual(resolveMentions('메일은 a@Kim.com', members, 1), [4], 'a punctuation mark ends it');
  });
  it('prefers the longest nickname, never names the sender, and takes picked ids', () => {
    assert.deepEqual(resolveMentions('@밥 아저씨 와요?', members, 1), [3]);
    assert.deepEqual(resolveMentions('@민수 혼잣말', members, 1), []);
    assert.deepEqual(resolveMentions('안녕', members, 1, [4, 2]), [2, 4]);
  });
  it('refuses a picked id of someone not in the room', () => {
    assert.throws(() => resolveMentions('안녕', members, 1, [99]), /mentionIds: 99 not a member/);
  });
});
