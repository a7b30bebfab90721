import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backoffDelay, receiptWaits, SendRefused } from './realtime.ts';

describe('reconnect backoff', () => {
  it('doubles from 0.5 s up to 15 s, with jitter in the upper half', () => {
    assert.equal(
      backoffDelay(0, () => 1),
      500,
    );
    assert.equal(
      backoffDelay(0, () => 0),
      250,
    );
    assert.equal(
      backoffDelay(3, () => 1),
      4000,
    );
    assert.equal(
      backoffDelay(20, () => 1),
      15_000,
    );
    assert.equal(
      backoffDelay(20, () => 0),
      7500,
    );
  });
});

describe('sends waiting for their RECEIPT', () => {
  it('resolve on their RECEIPT, and only theirs', async () => {
    const waits = receiptWaits();
    const first = waits.wait('r-1', 10_000);
    let secondDone = false;
    const second = waits.wait('r-2', 10_000).then(() => {
      secondDone = true;
    });
    waits.received('r-1');
    await first;
    assert.equal(secondDone, false);
    waits.received('r-2');
    await second;
  });

  it("fail at once with 'offline' when the connection closes, not at the timeout", async () => {
    const waits = receiptWaits();
    const inFlight = [waits.wait('r-1', 10_000), waits.wait('r-2', 10_000)];
    waits.failAll();
    for (const p of inFlight) await assert.rejects(p, { message: 'offline' });
    // A RECEIPT for them later (a resend on the new connection has its own) changes nothing.
    waits.received('r-1');
  });

  it('fail at once with the refusal the error queue names for their receipt', async () => {
    const waits = receiptWaits();
    const refused = waits.wait('r-1', 10_000);
    const other = waits.wait('r-2', 10_000);
    waits.refused('r-1', new SendRefused({ code: 'RATE_LIMITED', message: 'slow down', retryAfterMs: 700 }));
    await assert.rejects(refused, { name: 'SendRefused', code: 'RATE_LIMITED', retryAfterMs: 700 });
    waits.received('r-2');
    await other;
  });

  it("fail with 'timeout' when no RECEIPT comes", async () => {
    const waits = receiptWaits();
    await assert.rejects(waits.wait('r-1', 5), { message: 'timeout' });
  });
});
