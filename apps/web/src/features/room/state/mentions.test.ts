import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { insertMention, mentionParts, mentionQuery, suggestMembers } from './mentions.ts';

describe('mentions', () => {
  it('knows when an @name is being typed before the caret', () => {
    assert.equal(mentionQuery('안녕 @밥', 5), '밥');
    assert.equal(mentionQuery('@', 1), '');
    assert.equal(mentionQuery('mail a@b', 8), null, 'inside a word: an e-mail address');
    assert.equal(mentionQuery('@밥 안녕', 5), '밥 안녕', 'nicknames may have spaces: suggestions decide');
    assert.equal(mentionQuery('@밥\n안녕', 5), null, 'a line break ends it');
    assert.equal(mentionQuery('no at sign', 3), null);
  });

  it('puts the picked name in place of what was typed, caret after it', () => {
    assert.deepEqual(insertMention('안녕 @바 잘 가', 5, '밥 아저씨'), {
      text: '안녕 @밥 아저씨  잘 가',
      caret: 10,
    });
  });

  it('suggests members by the start of their nickname, never me', () => {
    const members = [
      { userId: 1, nickname: '밥' },
      { userId: 2, nickname: '밥 아저씨' },
      { userId: 3, nickname: 'Kim' },
    ];
    assert.deepEqual(
      suggestMembers(members, '밥', 1).map((m) => m.userId),
      [2],
    );
    assert.deepEqual(
      suggestMembers(members, 'k', 9).map((m) => m.userId),
      [3],
    );
  });

  it('marks the @names of mentioned members in the text, longest first', () => {
    assert.deepEqual(mentionParts('@밥 아저씨 와요? @Kim', ['밥', '밥 아저씨', 'Kim']), [
      { text: '@밥 아저씨', mention: true },
      { text: ' 와요? ', mention: false },
      { text: '@Kim', mention: true },
    ]);
    assert.deepEqual(mentionParts('a@b.c', []), [{ text: 'a@b.c', mention: false }]);
  });
});
