import { performance } from 'node:perf_hooks';

/**
 * This thread's event loop utilization (0 to 1: the share of time it ran callbacks, not
 * waiting for I/O) since the previous call. In embedded mode PGlite runs on this loop, so the
 * figure covers the database as well.
 */
export function eventLoopLoad(): () => number {
  let last = performance.eventLoopUtilization();
  return () => {
    const now = performance.eventLoopUtilization();
    const { utilization } = performance.eventLoopUtilization(now, last);
    last = now;
    return utilization;
  };
}

/**
 * Whether the event loop was busier than `threshold` over the last `windowMs` or so: the
 * figure is taken again at most once a window, so calls in a tight loop see a whole window's
 * load, not the last few microseconds'.
 */
export function eventLoopBusy(threshold: number, windowMs = 250): () => boolean {
  const load = eventLoopLoad();
  let busy = false;
  let sampledAt = performance.now();
  return () => {
    const now = performance.now();
    if (now - sampledAt >= windowMs) {
      busy = load() > threshold;
      sampledAt = now;
    }
    return busy;
  };
}
