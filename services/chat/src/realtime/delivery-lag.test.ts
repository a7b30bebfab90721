import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createDeliveryLag } from './delivery-lag.ts';

/** One fake time for both clocks. */
const clock = (t: () => number) => ({ now: t, monotonic: t });

describe('delivery lag', () => {
  it('is the largest lag of the last second of deliveries', () => {
    let t = 10_000;
    const lag = createDeliveryLag(
      2000,
      clock(() => t),
    );
    assert.equal(lag.lagMs(), 0, 'nothing delivered');
    lag.observe(t - 300);
    t += 400;
    lag.observe(t - 100);
    assert.equal(lag.lagMs(), 300);
    t += 700; // the 300 ms one is over a second old
    assert.equal(lag.lagMs(), 100);
    t += 400;
    assert.equal(lag.lagMs(), 0);
  });

  it('turns busy above the bound and back only below half of it', () => {
    let t = 10_000;
    const lag = createDeliveryLag(
      2000,
      clock(() => t),
    );
    lag.observe(t - 1500);
    assert.equal(lag.busy(), false, '1.5 s late is under the bound');
    lag.observe(t - 2500);
    assert.equal(lag.busy(), true);
    t += 1001;
    lag.observe(t - 1200);
    assert.equal(lag.lagMs(), 1200);
    assert.equal(lag.busy(), true, 'stays busy until under half the bound');
    t += 1001;
    lag.observe(t - 500);
    assert.equal(lag.busy(), false);
  });

  it('tells a refused sender to wait until the late deliveries leave the window, 1 to 10 s', () => {
    let t = 0;
    const lag = createDeliveryLag(
      100,
      clock(() => t),
    );
    lag.observe(t - 300);
    t += 200;
    lag.observe(t - 10); // on time: does not hold the node busy
    assert.equal(lag.retryAfterMs(), 1000, 'at least a second');
    const slow = createDeliveryLag(
      100,
      clock(() => t),
    );
    slow.observe(t - 300);
    assert.equal(slow.busy(), true);
    t += 999;
    assert.equal(slow.busy(), true);
    t += 1;
    assert.equal(slow.busy(), false, 'free once the late delivery is a second old');
  });

  it('keeps its window on the monotonic clock: the wall clock stepping back does not hold a lag', () => {
    let wall = 100_000;
    let mono = 0;
    const lag = createDeliveryLag(100, { now: () => wall, monotonic: () => mono });
    lag.observe(wall - 500);
    assert.equal(lag.busy(), true);
    wall -= 60_000; // NTP steps the wall clock back a minute
    mono += 1001;
    assert.equal(lag.lagMs(), 0);
    assert.equal(lag.busy(), false);
  });

  it('with bound 0 never refuses', () => {
    const off = createDeliveryLag(
      0,
      clock(() => 0),
    );
    off.observe(-60_000);
    assert.equal(off.busy(), false);
  });
});
