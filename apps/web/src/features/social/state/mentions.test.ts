import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SocialUser } from '../api/types.ts';
import {
  activeMention,
  editedMentions,
  insertMention,
  mentionIds,
  mentionSegments,
  suggestions,
  withPicked,
} from './mentions.ts';

const user = (id: number, nickname: string): SocialUser => ({ id, nickname, profileImageUrl: null });
const ben = user(2, 'Ben');
const benjamin = user(3, 'Benjamin');
const korean = user(4, '김 민준');
const regexy = user(5, 'a.b*(c)+[d]$');

describe('mentions', () => {
  it('finds the @query at the caret, not in a word or an email address', () => {
    assert.deepEqual(activeMention('hi @Be', 6), { start: 3, end: 6, query: 'Be' });
    assert.deepEqual(activeMention('@민', 2), { start: 0, end: 2, query: '민' });
    assert.deepEqual(
      activeMention('(@Ben)', 3),
      { start: 1, end: 5, query: 'B' },
      'takes the rest of the word',
    );
    assert.equal(activeMention('hi @', 4), null, 'nothing typed after @ yet');
    assert.equal(activeMention('mail me@ben', 11), null);
    assert.equal(activeMention('@Ben done', 9), null, 'the caret left the word');
    assert.equal(activeMention('no mention', 10), null);
    assert.equal(activeMention(`@${'x'.repeat(31)}`, 32), null, 'longer than any nickname');
  });

  it('inserts @nickname and a space, the caret after it', () => {
    assert.deepEqual(insertMention('hi @Be', { start: 3, end: 6 }, 'Ben'), { text: 'hi @Ben ', caret: 8 });
    assert.deepEqual(insertMention('@김 and', { start: 0, end: 2 }, '김 민준'), {
      text: '@김 민준 and',
      caret: 6,
    });
  });

  it('suggests people I follow first (prefix, then contains), then the search, never me', () => {
    const following = [user(10, 'xBen'), ben, user(1, 'Benny me')];
    const found = [benjamin, ben, user(11, 'Other')];
    const got = suggestions('ben', following, found, 1);
    assert.deepEqual(
      got.map((u) => [u.nickname, u.followed]),
      [
        ['Ben', true],
        ['xBen', true],
        ['Benjamin', false],
      ],
    );
    assert.equal(suggestions('b', [], [ben, benjamin], 0, 1).length, 1);
    assert.deepEqual(
      suggestions('민', [korean], [], 0).map((u) => u.id),
      [4],
    );
  });

  it('sends the picked users the text still names, each once, at most 20', () => {
    assert.deepEqual(mentionIds('hi @Ben and @Ben again, @Benjamin', [ben, benjamin]), [2, 3]);
    assert.deepEqual(mentionIds('hi @Benjamin', [ben, benjamin]), [3], 'the longer nickname wins');
    assert.deepEqual(mentionIds('hi Ben', [ben]), [], 'the @mention was removed from the text');
    assert.deepEqual(mentionIds('me@Ben.com', [ben]), [], 'inside an email address');
    const many = Array.from({ length: 25 }, (_, i) => user(100 + i, `u${i}x`));
    const ids = mentionIds(many.map((u) => `@${u.nickname}`).join(' '), many);
    assert.equal(ids.length, 20);
    assert.equal(ids[0], 100);
  });

  it('keeps one picked user per id and nickname', () => {
    assert.deepEqual(withPicked([ben, benjamin], user(9, 'Ben')), [benjamin, user(9, 'Ben')]);
  });

  it('splits text into plain parts and mentions (regex characters, Korean, unmentioned names)', () => {
    assert.deepEqual(mentionSegments(`@${regexy.nickname}! @김 민준님 @Cho`, [regexy, korean]), [
      { kind: 'mention', text: '@a.b*(c)+[d]$', user: regexy },
      { kind: 'text', text: '! ' },
      { kind: 'mention', text: '@김 민준', user: korean },
      { kind: 'text', text: '님 @Cho' },
    ]);
    assert.deepEqual(mentionSegments('@aXb', [regexy, user(6, 'a.b')]), [{ kind: 'text', text: '@aXb' }]);
    assert.deepEqual(mentionSegments('hi @Ben', []), [{ kind: 'text', text: 'hi @Ben' }]);
    assert.deepEqual(mentionSegments('', [ben]), []);
    assert.deepEqual(mentionSegments('@@Ben', [ben]), [
      { kind: 'text', text: '@' },
      { kind: 'mention', text: '@Ben', user: ben },
    ]);
  });

  it('keeps an edited post mentions unless the text changed who it names', () => {
    const before = { text: 'with @Ben', mentions: [ben, user(7, 'renamed')] };
    assert.equal(editedMentions(before, 'still with @Ben!', before.mentions), undefined);
    assert.deepEqual(editedMentions(before, 'alone', before.mentions), [7]);
    assert.deepEqual(
      editedMentions(before, 'with @Ben and @Benjamin', [...before.mentions, benjamin]),
      [2, 3, 7],
    );
  });
});
