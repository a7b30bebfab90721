/** How long a delivery's lag counts. */
const WINDOW_MS = 1000;
/** What a refused sender is told to wait, at least and at most. */
const MIN_RETRY_MS = 1000;
const MAX_RETRY_MS = 10_000;

/**
 * How late messages reach this node's subscribers (accepted to written), for back-pressure:
 * past saturation a messenger should slow its senders down rather than deliver further and
 * further behind. The lag is the largest of the last second's deliveries (none: 0). `busy()`
 * turns on above `boundMs` and off again only below half of it, so senders are not let
 * through and refused in turns. `boundMs` 0 never refuses.
 */
export function createDeliveryLag(boundMs: number, now: () => number = Date.now) {
  // The sliding window's maximum: deliveries in time order, each later one smaller.
  const window: { at: number; lag: number }[] = [];
  let busy = false;

  function expire(at: number): void {
    while (window.length > 0 && window[0]!.at <= at - WINDOW_MS) window.shift();
  }

  function lagMs(): number {
    expire(now());
    return window[0]?.lag ?? 0;
  }

  return {
    /** A message accepted at `acceptedAtMs` was just written to this node's subscribers. */
    observe(acceptedAtMs: number): void {
      const at = now();
      const lag = Math.max(0, at - acceptedAtMs);
      while (window.length > 0 && window.at(-1)!.lag <= lag) window.pop();
      window.push({ at, lag });
    },
    lagMs,
    /** Whether new SENDs should wait (see above). */
    busy(): boolean {
      if (boundMs === 0) return false;
      const lag = lagMs();
      busy = busy ? lag >= boundMs / 2 : lag > boundMs;
      return busy;
    },
    /**
     * What a refused sender is told to wait: until the late deliveries seen so far have left
     * the window (if no later one is late, the node takes SENDs again), 1 to 10 s.
     */
    retryAfterMs(): number {
      const at = now();
      expire(at);
      let until = at;
      for (const d of window) if (d.lag >= boundMs / 2) until = d.at + WINDOW_MS;
      return Math.min(MAX_RETRY_MS, Math.max(MIN_RETRY_MS, until - at));
    },
  };
}

export type DeliveryLag = ReturnType<typeof createDeliveryLag>;
