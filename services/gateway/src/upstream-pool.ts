import { createHash } from 'node:crypto';

/** One upstream instance: its base URL and its passive-health state. */
interface Instance {
  readonly url: string;
  /** Epoch ms until which the instance is left out after a failure (0: healthy). */
  ejectedUntil: number;
}

export interface UpstreamPool {
  readonly urls: readonly string[];
  /**
   * The next instance round-robin among those not ejected, skipping `exclude` (tried already).
   * When every instance is ejected, the one whose ejection ends first is tried anyway (a
   * single-instance service is probed by live traffic instead of refused for the whole
   * ejection); undefined only when all are excluded.
   */
  pick(exclude?: ReadonlySet<string>): string | undefined;
  /**
   * The instance for `key` (a SockJS session): the same one every time while it is in service
   * (rendezvous hashing over the instances not ejected nor excluded), so a key moves only when
   * its instance leaves; as `pick` when every candidate is ejected.
   */
  pickFor(key: string, exclude?: ReadonlySet<string>): string | undefined;
  /** The instance failed (refused, reset, timed out, answered 502-504): leave it out a while. */
  fail(url: string): void;
  /** The instance answered: it is healthy again. */
  succeed(url: string): void;
  /** Seconds a client should wait before trying again when no instance answered (at least 1). */
  retryAfterSec(): number;
  /** Instances in service now (not ejected). */
  healthyCount(): number;
}

/** Round-robin over the instances of one service, with passive health (ejection on failure). */
export function createUpstreamPool(urls: readonly string[], ejectMs: number, now = Date.now): UpstreamPool {
  const instances: Instance[] = urls.map((url) => ({ url, ejectedUntil: 0 }));
  let next = 0;
  const byUrl = new Map(instances.map((i) => [i.url, i]));

  return {
    urls,
    pick(exclude) {
      const t = now();
      const candidates = instances.filter((i) => !exclude?.has(i.url));
      if (candidates.length === 0) return undefined;
      for (let n = 0; n < instances.length; n++) {
        const i = instances[(next + n) % instances.length]!;
        if (exclude?.has(i.url) || i.ejectedUntil > t) continue;
        next = (next + n + 1) % instances.length;
        return i.url;
      }
      // Every candidate is ejected: probe the one that comes back first.
      return candidates.reduce((a, b) => (b.ejectedUntil < a.ejectedUntil ? b : a)).url;
    },
    pickFor(key, exclude) {
      const t = now();
      let best: { url: string; score: number } | undefined;
      for (const i of instances) {
        if (exclude?.has(i.url) || i.ejectedUntil > t) continue;
        const score = createHash('sha1').update(`${key}\n${i.url}`).digest().readUInt32BE(0);
        if (best === undefined || score > best.score) best = { url: i.url, score };
      }
      return best?.url ?? this.pick(exclude);
    },
    fail(url) {
      const i = byUrl.get(url);
      if (i) i.ejectedUntil = now() + ejectMs;
    },
    succeed(url) {
      const i = byUrl.get(url);
      if (i) i.ejectedUntil = 0;
    },
    retryAfterSec() {
      const t = now();
      const soonest = Math.min(...instances.map((i) => i.ejectedUntil));
      return Math.max(1, Math.ceil((soonest - t) / 1000));
    },
    healthyCount() {
      const t = now();
      return instances.filter((i) => i.ejectedUntil <= t).length;
    },
  };
}
