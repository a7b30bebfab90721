import type { Component } from './health.ts';

export interface SetOptions {
  /** Expire the key after this many milliseconds. */
  ttlMs?: number;
  /** Only set when the key does not exist (returns false when it did). */
  ifAbsent?: boolean;
}

export interface TokenBucketResult {
  allowed: boolean;
  /** Whole tokens left after this take. */
  remaining: number;
  /** When not allowed: how long until one token is available. */
  retryAfterMs: number;
}

/**
 * Key-value cache with TTLs. Keys are namespaced by the adapter's prefix, so callers use bare
 * names. Values are strings; callers serialise.
 */
export interface Cache extends Component {
  readonly adapter: 'redis' | 'memory';
  get(key: string): Promise<string | null>;
  mget(keys: readonly string[]): Promise<(string | null)[]>;
  set(key: string, value: string, opts?: SetOptions): Promise<boolean>;
  /**
   * Sets several keys, each with its own value and the same TTL, as one command (one Lua call
   * on Redis): for writers that replace many keys at once.
   */
  setMany(
    entries: readonly (readonly [key: string, value: string])[],
    opts?: { ttlMs?: number },
  ): Promise<void>;
  del(...keys: string[]): Promise<number>;
  /** Atomic increment; when the key is created by this call and ttlMs is given, it expires. */
  incr(key: string, by?: number, opts?: { ttlMs?: number }): Promise<number>;
  expire(key: string, ttlMs: number): Promise<boolean>;
  /** Remaining time to live in ms; -1 without expiry, -2 when missing. */
  pttl(key: string): Promise<number>;
  /**
   * Token bucket shared by every node using the same cache: `ratePerSec` tokens refill per
   * second up to `burst`; takes `cost` tokens (default 1) when available.
   */
  takeToken(key: string, ratePerSec: number, burst: number, cost?: number): Promise<TokenBucketResult>;
  /** Adds members to the set at `key` (created when missing); returns how many were new. */
  sadd(key: string, ...members: string[]): Promise<number>;
  /** Removes members; returns how many were there. A set left empty disappears (like Redis). */
  srem(key: string, ...members: string[]): Promise<number>;
  /** Members of the set at `key`, in no particular order ([] when missing). */
  smembers(key: string): Promise<string[]>;
  /** Adds `by` to `member`'s score in the sorted set at `key` (created when missing); the new score. */
  zincrby(key: string, by: number, member: string): Promise<number>;
  /** Sets the scores of members (added when missing); returns how many were new. */
  zadd(key: string, entries: readonly (readonly [member: string, score: number])[]): Promise<number>;
  /** Removes members; returns how many were there. A sorted set left empty disappears. */
  zrem(key: string, ...members: string[]): Promise<number>;
  /**
   * Members by rank, highest score first, from `start` to `stop` inclusive (negative counts
   * from the end, -1 the last), with their scores; equal scores in reverse member order (as
   * Redis' ZREVRANGE). [] when missing.
   */
  zrevrange(key: string, start: number, stop: number): Promise<ScoredMember[]>;
}

export interface ScoredMember {
  member: string;
  score: number;
}
