/**
 * Tells sustained abuse from bursts: a session whose requests were refused `limit` times within
 * `windowMs` (sliding) has to go. Keeps at most `limit` timestamps per session, dropped with it.
 */
export function createAbuseGuard(opts: { limit: number; windowMs: number }, now: () => number = Date.now) {
  const refusals = new WeakMap<object, number[]>();
  return {
    /** Records one refusal; true when the session crossed the line. */
    refused(session: object): boolean {
      const t = now();
      const times = refusals.get(session) ?? [];
      times.push(t);
      while (times.length > 0 && times[0]! <= t - opts.windowMs) times.shift();
      if (times.length > opts.limit) times.shift();
      refusals.set(session, times);
      return times.length >= opts.limit;
    },
  };
}
