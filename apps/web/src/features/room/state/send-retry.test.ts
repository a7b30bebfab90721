import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StompErrorPayload } from '../../../lib/wire.ts';
import { AutoResend, autoRetryDelay, MAX_AUTO_RETRIES } from './send-retry.ts';

const refusal = (code: string, retryAfterMs?: number) =>
  ({
    code,
    message: 'refused',
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  }) as StompErrorPayload;

describe('automatic resends of refused messages', () => {
  it('a rate limit or a busy server: again after the time the server asked', () => {
    assert.equal(autoRetryDelay(refusal('RATE_LIMITED', 1200), 0), 1200);
    assert.equal(autoRetryDelay(refusal('SERVER_BUSY', 4000), 2), 4000);
  });

  it('keeps the wait within bounds, and waits a second when the server named none', () => {
    assert.equal(autoRetryDelay(refusal('RATE_LIMITED', 0), 0), 250);
    assert.equal(autoRetryDelay(refusal('SERVER_BUSY', 3_600_000), 0), 30_000);
    assert.equal(autoRetryDelay(refusal('SERVER_BUSY'), 0), 1000);
  });

  it('gives up after a few tries: the message is shown failed', () => {
    assert.equal(autoRetryDelay(refusal('RATE_LIMITED', 1000), MAX_AUTO_RETRIES - 1), 1000);
    assert.equal(autoRetryDelay(refusal('RATE_LIMITED', 1000), MAX_AUTO_RETRIES), null);
  });

  it('a refusal that will not change by waiting is failed at once', () => {
    for (const code of ['FORBIDDEN', 'INVALID_PAYLOAD', 'ROOM_NOT_FOUND', 'MESSAGE_UNSENT'])
      assert.equal(autoRetryDelay(refusal(code, 1000), 0), null, code);
  });
});

describe("a room's refused messages", () => {
  it("go again together after the longest wait asked, in the room's order; others fail", (t) => {
    t.mock.timers.enable({ apis: ['setTimeout', 'Date'] });
    const sent: string[][] = [];
    const order = ['a', 'b', 'c'];
    const auto = new AutoResend(
      (keys) => sent.push([...keys]),
      () => order,
    );
    assert.equal(auto.refused('c', refusal('RATE_LIMITED', 500)), true);
    assert.equal(auto.refused('a', refusal('RATE_LIMITED', 1500)), true);
    assert.equal(auto.refused('b', refusal('NOT_A_MEMBER')), false, 'waiting will not help');
    assert.equal(auto.waiting('a'), true);
    t.mock.timers.tick(1000);
    assert.deepEqual(sent, [], 'the timer waits for the longest');
    t.mock.timers.tick(500);
    assert.deepEqual(sent, [['a', 'c']]);
    assert.equal(auto.waiting('a'), false);
  });

  it('one message gives up after MAX_AUTO_RETRIES; a resend by hand counts from zero', (t) => {
    t.mock.timers.enable({ apis: ['setTimeout', 'Date'] });
    const auto = new AutoResend(
      () => {},
      () => ['a'],
    );
    for (let i = 0; i < MAX_AUTO_RETRIES; i++) {
      assert.equal(auto.refused('a', refusal('SERVER_BUSY', 100)), true);
      t.mock.timers.tick(250);
    }
    assert.equal(auto.refused('a', refusal('SERVER_BUSY', 100)), false);
    auto.reset('a');
    assert.equal(auto.refused('a', refusal('SERVER_BUSY', 100)), true);
    auto.dispose();
  });
});
