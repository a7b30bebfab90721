import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  createTypingThrottle,
  nextExpiry,
  onMessageFrom,
  onTypingFrame,
  TYPING_TTL_MS,
  type TypingState,
  typing,
} from './typing.ts';

const ME = 1;

describe('typing indicator state', () => {
  it('shows a typist for a few seconds after their last frame, then not', () => {
    let s: TypingState = [];
    s = onTypingFrame(s, { userId: 2, nickname: '밥' }, ME, 1000);
    assert.deepEqual(
      typing(s, 1000).map((t) => t.nickname),
      ['밥'],
    );
    s = onTypingFrame(s, { userId: 2, nickname: '밥' }, ME, 3000);
    assert.equal(typing(s, 1000 + TYPING_TTL_MS).length, 1, 'a new frame extends it');
    assert.equal(nextExpiry(s, 3000), 3000 + TYPING_TTL_MS);
    assert.deepEqual(typing(s, 3000 + TYPING_TTL_MS), []);
    assert.equal(nextExpiry(s, 3000 + TYPING_TTL_MS), null);
  });

  it('never shows me; several typists in arrival order; one entry per user', () => {
    let s: TypingState = [];
    s = onTypingFrame(s, { userId: ME, nickname: '나' }, ME, 0);
    assert.deepEqual(s, []);
    s = onTypingFrame(s, { userId: 3, nickname: '캐롤' }, ME, 0);
    s = onTypingFrame(s, { userId: 2, nickname: '밥' }, ME, 10);
    s = onTypingFrame(s, { userId: 3, nickname: '캐롤' }, ME, 20);
    assert.deepEqual(
      typing(s, 30).map((t) => t.userId),
      [2, 3],
    );
  });

  it('their message ends their typing at once', () => {
    let s = onTypingFrame([], { userId: 2, nickname: '밥' }, ME, 0);
    s = onMessageFrom(s, 2);
    assert.deepEqual(typing(s, 1), []);
    assert.equal(onMessageFrom(s, 2), s);
  });

  it('outgoing frames are throttled while typing, and a send starts a new burst', () => {
    const t = createTypingThrottle(2000);
    assert.deepEqual(
      [0, 500, 1999, 2000, 2500, 4100].map((now) => t.shouldSend(now)),
      [true, false, false, true, false, true],
    );
    t.reset();
    assert.equal(t.shouldSend(4200), true);
  });
});
