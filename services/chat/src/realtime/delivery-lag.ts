/** How long a delivery's lag counts. */
const WINDOW_MS = 1000;
/** What a refused sender is told to wait, at least and at most. */
const MIN_RETRY_MS = 1000;
const MAX_RETRY_MS = 10_000;

export interface LagClocks {
  /** Wall clock, as the accept time a message carries (epoch ms). */
  now(): number;
  /** Monotonic, for the window: a wall clock stepping back must not hold old lags in it. */
  monotonic(): number;
}

const SYSTEM_CLOCKS: LagClocks = { now: Date.now, monotonic: () => performance.now() };

/**
 * How late messages reach this node's subscribers (accepted to written), for back-pressure:
 * past saturation a messenger should slow its senders down rather than deliver further and
 * further behind. The lag is the largest of the last second's deliveries (none: 0). `busy()`
 * turns on above `boundMs` and off again only below half of it, so senders are not let
 * through and refused in turns. `boundMs` 0 never refuses.
 *
 * What it cannot see: messages not delivered at all (a stalled consumer delivers nothing, so
 * nothing is late here), and rooms with no subscriber on this node.
 */
export function createDeliveryLag(boundMs: number, clocks: LagClocks = SYSTEM_CLOCKS) {
  // The sliding window's maximum: deliveries in time order, each later one smaller; live
  // entries from `head` on (the array is compacted once the dead part is large).
  let window: { at: number; lag: number }[] = [];
  let head = 0;
  let busy = false;

  function expire(at: number): void {
    while (head < window.length && window[head]!.at <= at - WINDOW_MS) head++;
    if (head > 1024 && head * 2 > window.length) {
      window = window.slice(head);
      head = 0;
    }
  }

  function lagMs(): number {
    expire(clocks.monotonic());
    return head < window.length ? window[head]!.lag : 0;
  }

  return {
    /** A message accepted at `acceptedAtMs` (wall clock) was just written to this node's subscribers. */
    observe(acceptedAtMs: number): void {
      const at = clocks.monotonic();
      const lag = Math.max(0, clocks.now() - acceptedAtMs);
      while (window.length > head && window.at(-1)!.lag <= lag) window.pop();
      window.push({ at, lag });
      expire(at);
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
      const at = clocks.monotonic();
      expire(at);
      // Lags fall towards the end: the last one still late enough is the last to leave.
      let until = at;
      for (let i = window.length - 1; i >= head; i--) {
        if (window[i]!.lag >= boundMs / 2) {
          until = window[i]!.at + WINDOW_MS;
          break;
        }
      }
      return Math.min(MAX_RETRY_MS, Math.max(MIN_RETRY_MS, until - at));
    },
  };
}

export type DeliveryLag = ReturnType<typeof createDeliveryLag>;
