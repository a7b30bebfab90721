import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSendQueue, MAX_REFUSALS, retryDelay, type SendOutcome } from './send-queue.ts';

/** A queue whose tries answer from a script, recording what it sent, waited and failed. */
function harness(answers: Record<string, SendOutcome[]>) {
  const log: string[] = [];
  const waits: number[] = [];
  const q = createSendQueue({
    async attempt(key) {
      log.push(`send ${key}`);
      return answers[key]?.shift() ?? { kind: 'accepted' };
    },
    pending: (key) => log.push(`pending ${key}`),
    failed: (key) => log.push(`failed ${key}`),
    async wait(ms) {
      waits.push(ms);
    },
    random: () => 1,
  });
  const idle = async () => {
    // The queue runs on promises only: a few turns of the microtask queue finish it.
    for (let i = 0; i < 50; i++) await Promise.resolve();
  };
  return { q, log, waits, idle };
}

describe('a room send queue', () => {
  it('sends in the order written, one at a time', async () => {
    const h = harness({});
    h.q.enqueue('a');
    h.q.enqueue('b');
    h.q.enqueue('c');
    await h.idle();
    assert.deepEqual(
      h.log.filter((l) => l.startsWith('send')),
      ['send a', 'send b', 'send c'],
    );
    assert.deepEqual(h.q.waiting(), []);
  });

  it('a send refused for now goes again after the hint, and the ones behind wait their turn', async () => {
    const h = harness({ a: [{ kind: 'refused', code: 'RATE_LIMITED', retryAfterMs: 700 }] });
    h.q.enqueue('a');
    h.q.enqueue('b');
    await h.idle();
    assert.deepEqual(
      h.log.filter((l) => l.startsWith('send')),
      ['send a', 'send a', 'send b'],
    );
    assert.deepEqual(h.waits, [700]);
    assert.ok(!h.log.some((l) => l.startsWith('failed')));
  });

  it('gives up after MAX_REFUSALS refusals in a row without progress, then goes on with the next', async () => {
    const busy: SendOutcome = { kind: 'refused', code: 'SERVER_BUSY', retryAfterMs: 1000 };
    const h = harness({ a: Array.from({ length: MAX_REFUSALS }, () => busy) });
    h.q.enqueue('a');
    h.q.enqueue('b');
    await h.idle();
    assert.equal(h.log.filter((l) => l === 'send a').length, MAX_REFUSALS);
    assert.deepEqual(h.log.slice(-2), ['failed a', 'send b']);
  });

  it('a refusal that will not change (not a member, too long) fails that message at once', async () => {
    const h = harness({ a: [{ kind: 'refused', code: 'CONTENT_TOO_LONG' }] });
    h.q.enqueue('a');
    h.q.enqueue('b');
    await h.idle();
    assert.deepEqual(
      h.log.filter((l) => !l.startsWith('pending')),
      ['send a', 'failed a', 'send b'],
    );
    assert.deepEqual(h.waits, []);
  });

  it('offline: stops with the message still first, and resumes after the reconnect', async () => {
    const h = harness({ a: [{ kind: 'offline' }] });
    h.q.enqueue('a');
    h.q.enqueue('b');
    await h.idle();
    assert.deepEqual(h.q.waiting(), ['a', 'b']);
    h.q.resume();
    await h.idle();
    assert.deepEqual(
      h.log.filter((l) => l.startsWith('send')),
      ['send a', 'send a', 'send b'],
    );
    assert.deepEqual(h.q.waiting(), []);
  });

  it('a failed message sent again by hand goes behind the ones waiting', async () => {
    const h = harness({ a: [{ kind: 'failed' }] });
    h.q.enqueue('a');
    await h.idle();
    h.q.enqueue('b');
    h.q.enqueue('a');
    await h.idle();
    assert.deepEqual(
      h.log.filter((l) => l.startsWith('send')),
      ['send a', 'send b', 'send a'],
    );
  });

  it('stopped (the room closed): nothing more is sent', async () => {
    const h = harness({ a: [{ kind: 'offline' }] });
    h.q.enqueue('a');
    await h.idle();
    h.q.stop();
    h.q.resume();
    await h.idle();
    assert.equal(h.log.filter((l) => l.startsWith('send')).length, 1);
  });
});

describe('the wait before trying a refused send again', () => {
  it("is the server's hint within 250 ms and 30 s, 1 s without one", () => {
    assert.equal(retryDelay({ code: 'RATE_LIMITED', retryAfterMs: 700 }), 700);
    assert.equal(retryDelay({ code: 'RATE_LIMITED', retryAfterMs: 0 }), 250);
    assert.equal(retryDelay({ code: 'RATE_LIMITED', retryAfterMs: 600_000 }), 30_000);
    assert.equal(retryDelay({ code: 'RATE_LIMITED' }), 1000);
  });

  it('a busy server gets up to half as much again at random, so refused clients spread out', () => {
    assert.equal(
      retryDelay({ code: 'SERVER_BUSY', retryAfterMs: 1000 }, () => 0),
      1000,
    );
    assert.equal(
      retryDelay({ code: 'SERVER_BUSY', retryAfterMs: 1000 }, () => 1),
      1500,
    );
  });
});
