import type { Cache, ScoredMember, SetOptions, TokenBucketResult } from '../ports/cache.ts';
import type { ComponentHealth } from '../ports/health.ts';

export interface MemoryCacheOptions {
  prefix?: string;
  /** Clock in epoch millis (tests inject their own). */
  now?: () => number;
  /** How often expired keys are swept away (default 30 s). */
  sweepIntervalMs?: number;
}

interface Bucket {
  tokens: number;
  ts: number;
}

/** A sorted set: member to score. */
class Scores extends Map<string, number> {}

interface Entry {
  value: string | Bucket | Set<string> | Scores;
  expiresAt: number | undefined;
}

/** Argument checks shared by both cache adapters (Redis would reject the same values). */
export function checkTtl(ttlMs: number): number {
  if (!Number.isFinite(ttlMs) || ttlMs <= 0)
    throw new RangeError(`ttlMs must be a positive number, got ${ttlMs}`);
  return Math.ceil(ttlMs);
}

export function checkTokenBucket(ratePerSec: number, burst: number, cost: number): void {
  if (!(ratePerSec > 0) || !(burst >= 1) || !(cost >= 0) || cost > burst) {
    throw new RangeError(`token bucket needs ratePerSec > 0, burst >= 1, 0 <= cost <= burst`);
  }
}

const WRONGTYPE = 'WRONGTYPE Operation against a key holding the wrong kind of value';
const NOT_INTEGER = 'ERR value is not an integer or out of range';

/** In-process cache with the Redis adapter's semantics; TTLs honoured on access and swept. */
export function createMemoryCache(opts: MemoryCacheOptions = {}): Cache {
  const prefix = opts.prefix ?? '';
  const now = opts.now ?? Date.now;
  const entries = new Map<string, Entry>();
  const k = (key: string) => prefix + key;

  const live = (fullKey: string): Entry | undefined => {
    const entry = entries.get(fullKey);
    if (entry?.expiresAt !== undefined && entry.expiresAt <= now()) {
      entries.delete(fullKey);
      return undefined;
    }
    return entry;
  };
  const stringOf = (entry: Entry | undefined): string | null => {
    if (entry === undefined) return null;
    if (typeof entry.value !== 'string') throw new Error(WRONGTYPE);
    return entry.value;
  };
  const setOf = (entry: Entry | undefined): Set<string> | undefined => {
    if (entry === undefined) return undefined;
    if (!(entry.value instanceof Set)) throw new Error(WRONGTYPE);
    return entry.value;
  };
  const scoresOf = (entry: Entry | undefined): Scores | undefined => {
    if (entry === undefined) return undefined;
    if (!(entry.value instanceof Scores)) throw new Error(WRONGTYPE);
    return entry.value;
  };
  /** The sorted set at `key`, created (empty, not yet stored) when missing. */
  const scoresFor = (key: string): Scores => {
    const entry = live(k(key));
    const scores = scoresOf(entry);
    if (scores) return scores;
    const fresh = new Scores();
    entries.set(k(key), { value: fresh, expiresAt: undefined });
    return fresh;
  };
  const sweep = () => {
    const t = now();
    for (const [key, entry] of entries) {
      if (entry.expiresAt !== undefined && entry.expiresAt <= t) entries.delete(key);
    }
  };
  const timer = setInterval(sweep, opts.sweepIntervalMs ?? 30_000);
  timer.unref();

  return {
    adapter: 'memory',
    async get(key) {
      return stringOf(live(k(key)));
    },
    async mget(keys) {
      return keys.map((key) => {
        const value = live(k(key))?.value;
        return typeof value === 'string' ? value : null;
      });
    },
    async set(key: string, value: string, setOpts: SetOptions = {}) {
      const ttl = setOpts.ttlMs === undefined ? undefined : checkTtl(setOpts.ttlMs);
      if (setOpts.ifAbsent && live(k(key))) return false;
      entries.set(k(key), { value, expiresAt: ttl === undefined ? undefined : now() + ttl });
      return true;
    },
    async setMany(list, setOpts = {}) {
      const ttl = setOpts.ttlMs === undefined ? undefined : checkTtl(setOpts.ttlMs);
      for (const [key, value] of list) {
        entries.set(k(key), { value, expiresAt: ttl === undefined ? undefined : now() + ttl });
      }
    },
    async del(...keys) {
      let count = 0;
      for (const key of keys) if (live(k(key)) && entries.delete(k(key))) count++;
      return count;
    },
    async incr(key, by = 1, incrOpts = {}) {
      if (!Number.isSafeInteger(by)) throw new RangeError(`incr needs an integer, got ${by}`);
      const ttl = incrOpts.ttlMs === undefined ? undefined : checkTtl(incrOpts.ttlMs);
      const entry = live(k(key));
      if (entry === undefined) {
        entries.set(k(key), { value: String(by), expiresAt: ttl === undefined ? undefined : now() + ttl });
        return by;
      }
      const current = stringOf(entry) ?? '';
      const next = /^-?\d+$/.test(current) ? Number(current) + by : Number.NaN;
      if (!Number.isSafeInteger(next)) throw new Error(NOT_INTEGER);
      entry.value = String(next);
      return next;
    },
    async expire(key, ttlMs) {
      const entry = live(k(key));
      if (entry === undefined) return false;
      if (ttlMs <= 0) entries.delete(k(key));
      else entry.expiresAt = now() + Math.ceil(ttlMs);
      return true;
    },
    async pttl(key) {
      const entry = live(k(key));
      if (entry === undefined) return -2;
      return entry.expiresAt === undefined ? -1 : Math.ceil(entry.expiresAt - now());
    },
    async takeToken(key, ratePerSec, burst, cost = 1): Promise<TokenBucketResult> {
      checkTokenBucket(ratePerSec, burst, cost);
      const t = now();
      const entry = live(k(key));
      const stored = entry?.value ?? { tokens: burst, ts: t };
      if (typeof stored === 'string' || stored instanceof Set || stored instanceof Scores)
        throw new Error(WRONGTYPE);
      const state = stored;
      let tokens = Math.min(burst, state.tokens + (Math.max(0, t - state.ts) * ratePerSec) / 1000);
      let retryAfterMs = 0;
      const allowed = tokens >= cost;
      if (allowed) tokens -= cost;
      else retryAfterMs = Math.ceil(((cost - tokens) * 1000) / ratePerSec);
      const fullInMs = Math.max(1, Math.ceil(((burst - tokens) * 1000) / ratePerSec));
      entries.set(k(key), { value: { tokens, ts: t }, expiresAt: t + fullInMs });
      return { allowed, remaining: Math.floor(tokens), retryAfterMs };
    },
    async sadd(key, ...members) {
      const entry = live(k(key));
      const set = setOf(entry) ?? new Set<string>();
      if (entry === undefined && members.length > 0)
        entries.set(k(key), { value: set, expiresAt: undefined });
      const before = set.size;
      for (const m of members) set.add(m);
      return set.size - before;
    },
    async srem(key, ...members) {
      const set = setOf(live(k(key)));
      if (set === undefined) return 0;
      let removed = 0;
      for (const m of members) if (set.delete(m)) removed++;
      if (set.size === 0) entries.delete(k(key));
      return removed;
    },
    async smembers(key) {
      return [...(setOf(live(k(key))) ?? [])];
    },
    async zincrby(key, by, member) {
      if (!Number.isFinite(by)) throw new Error('ERR value is not a valid float');
      const scores = scoresFor(key);
      const next = (scores.get(member) ?? 0) + by;
      scores.set(member, next);
      return next;
    },
    async zadd(key, list) {
      if (list.length === 0) return 0;
      const scores = scoresFor(key);
      let added = 0;
      for (const [member, score] of list) {
        if (!scores.has(member)) added++;
        scores.set(member, score);
      }
      return added;
    },
    async zrem(key, ...members) {
      const scores = scoresOf(live(k(key)));
      if (scores === undefined) return 0;
      let removed = 0;
      for (const m of members) if (scores.delete(m)) removed++;
      if (scores.size === 0) entries.delete(k(key));
      return removed;
    },
    async zrevrange(key, start, stop) {
      const scores = scoresOf(live(k(key)));
      if (scores === undefined) return [];
      const sorted: ScoredMember[] = [...scores]
        .map(([member, score]) => ({ member, score }))
        .sort((a, b) => b.score - a.score || (a.member < b.member ? 1 : a.member > b.member ? -1 : 0));
      const n = sorted.length;
      const from = Math.max(0, start < 0 ? n + start : start);
      const to = Math.min(n - 1, stop < 0 ? n + stop : stop);
      return from > to ? [] : sorted.slice(from, to + 1);
    },
    async health(): Promise<ComponentHealth> {
      return { status: 'UP', details: { adapter: 'memory', keys: entries.size } };
    },
    async close() {
      clearInterval(timer);
      entries.clear();
    },
  };
}
