import { Redis } from 'ioredis';
import { withTimeout } from '../async/with-timeout.ts';
import type { Cache, ScoredMember, SetOptions, TokenBucketResult } from '../ports/cache.ts';
import type { ComponentHealth } from '../ports/health.ts';
import { checkTokenBucket, checkTtl } from './memory.ts';

export interface RedisCacheOptions {
  url: string;
  /** Prepended to every key, e.g. `chat:`. */
  prefix: string;
  connectTimeoutMs?: number;
  /** Connection errors after start (the client reconnects by itself). Default: ignored. */
  onError?: (err: Error) => void;
}

export interface RedisConnectOptions {
  url: string;
  connectTimeoutMs?: number;
  /** CLIENT SETNAME, to tell connections apart in CLIENT LIST. */
  name?: string;
  onError?: (err: Error) => void;
  /** Send the commands issued in one tick as one write (not for subscriber connections). */
  autoPipelining?: boolean;
  /** Let ioredis subscribe again after a reconnect by itself (default true). */
  autoResubscribe?: boolean;
}

const HEALTH_TIMEOUT_MS = 2000;

function describeTarget(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname || '127.0.0.1'}:${u.port || '6379'}`;
  } catch {
    return 'the configured URL';
  }
}

function reason(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown } | null;
  if (e && typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code)) return e.code;
  if (e && typeof e.message === 'string' && e.message !== '') return e.message;
  return String(err);
}

/** A command that gets no answer in this time fails (a hung Redis must not hang requests). */
const COMMAND_TIMEOUT_MS = 2000;

/**
 * One ioredis connection that fails fast: the first connect is tried once (with a timeout);
 * once connected, the client reconnects by itself with a capped backoff. Commands issued while
 * it reconnects wait for it (a dropped connection is invisible to callers), but once a
 * reconnect attempt has failed (Redis is down) they fail at once, until it is back: callers
 * degrade (local limits, database reads) instead of waiting. A command without an answer
 * fails after COMMAND_TIMEOUT_MS.
 */
export async function connectRedis(opts: RedisConnectOptions): Promise<Redis> {
  const timeoutMs = opts.connectTimeoutMs ?? 5000;
  let connected = false;
  let lastError: Error | undefined;
  const client = new Redis(opts.url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    connectionName: opts.name?.replace(/\s/g, '_'),
    maxRetriesPerRequest: 2,
    commandTimeout: COMMAND_TIMEOUT_MS,
    enableAutoPipelining: opts.autoPipelining ?? false,
    autoResubscribe: opts.autoResubscribe ?? true,
    retryStrategy: (times) => (connected ? Math.min(times * 200, 2000) : null),
  });
  client.on('error', (err: Error) => {
    lastError = err;
    if (connected) opts.onError?.(err);
    // A failed (re)connect: Redis is down, so stop queueing commands for later.
    if (connected && client.status !== 'ready') client.options.enableOfflineQueue = false;
  });
  client.on('ready', () => {
    client.options.enableOfflineQueue = true;
  });
  try {
    await withTimeout(client.connect(), timeoutMs + 500, 'connect');
    connected = true;
    return client;
  } catch (err) {
    client.disconnect();
    throw new Error(`cannot connect to Redis at ${describeTarget(opts.url)}: ${reason(lastError ?? err)}`);
  }
}

/** Closes politely (QUIT), or drops the connection when Redis does not answer. */
export async function closeRedis(client: Redis): Promise<void> {
  if (client.status === 'end') return;
  try {
    await withTimeout(client.quit(), 1000, 'quit');
  } catch {
    client.disconnect();
  }
}

// Sets the expiry only when this call created the key.
const INCR_LUA = `
local existed = redis.call('EXISTS', KEYS[1])
local value = redis.call('INCRBY', KEYS[1], ARGV[1])
if existed == 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return value`;

// Token bucket in a hash {tokens, ts}; Redis' clock, so every node agrees.
const TOKEN_LUA = `
local rate, burst, cost = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens, ts = tonumber(state[1]), tonumber(state[2])
if tokens == nil or ts == nil then tokens, ts = burst, now end
tokens = math.min(burst, tokens + math.max(0, now - ts) * rate / 1000)
local allowed, retry = 0, 0
if tokens >= cost then
  tokens = tokens - cost
  allowed = 1
else
  retry = math.ceil((cost - tokens) * 1000 / rate)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', now)
redis.call('PEXPIRE', KEYS[1], math.max(1, math.ceil((burst - tokens) * 1000 / rate)))
return {allowed, math.floor(tokens), retry}`;

// KEYS[i] = ARGV[i]; the last ARGV is the TTL in ms (0: none).
const SET_MANY_LUA = `
local ttl = tonumber(ARGV[#ARGV])
for i, key in ipairs(KEYS) do
  if ttl > 0 then redis.call('SET', key, ARGV[i], 'PX', ttl) else redis.call('SET', key, ARGV[i]) end
end
return #KEYS`;

interface Scripts {
  cacheIncrTtl(key: string, by: number, ttlMs: number): Promise<number>;
  cacheTakeToken(key: string, rate: number, burst: number, cost: number): Promise<[number, number, number]>;
  cacheSetMany(keyCount: number, ...keysValuesTtl: (string | number)[]): Promise<number>;
}

/** Redis-backed cache; every key is prefixed with `prefix`. Fails fast when unreachable. */
export async function createRedisCache(opts: RedisCacheOptions): Promise<Cache> {
  const client = await connectRedis({
    url: opts.url,
    connectTimeoutMs: opts.connectTimeoutMs,
    name: `${opts.prefix}cache`,
    onError: opts.onError,
    autoPipelining: true,
  });
  client.defineCommand('cacheIncrTtl', { numberOfKeys: 1, lua: INCR_LUA });
  client.defineCommand('cacheTakeToken', { numberOfKeys: 1, lua: TOKEN_LUA });
  // Key count given per call (first argument).
  client.defineCommand('cacheSetMany', { lua: SET_MANY_LUA });
  const scripts = client as unknown as Scripts;
  const k = (key: string) => opts.prefix + key;

  return {
    adapter: 'redis',
    get: (key) => client.get(k(key)),
    async mget(keys) {
      return keys.length === 0 ? [] : client.mget(keys.map(k));
    },
    async set(key: string, value: string, setOpts: SetOptions = {}) {
      const args: (string | number)[] = [];
      if (setOpts.ttlMs !== undefined) args.push('PX', checkTtl(setOpts.ttlMs));
      if (setOpts.ifAbsent) args.push('NX');
      const reply = await client.call('SET', k(key), value, ...args);
      return reply === 'OK';
    },
    async setMany(entries, setOpts = {}) {
      if (entries.length === 0) return;
      const ttl = setOpts.ttlMs === undefined ? 0 : checkTtl(setOpts.ttlMs);
      await scripts.cacheSetMany(
        entries.length,
        ...entries.map(([key]) => k(key)),
        ...entries.map(([, value]) => value),
        ttl,
      );
    },
    async del(...keys) {
      return keys.length === 0 ? 0 : client.del(...keys.map(k));
    },
    async incr(key, by = 1, incrOpts = {}) {
      if (!Number.isSafeInteger(by)) throw new RangeError(`incr needs an integer, got ${by}`);
      if (incrOpts.ttlMs === undefined) return client.incrby(k(key), by);
      return Number(await scripts.cacheIncrTtl(k(key), by, checkTtl(incrOpts.ttlMs)));
    },
    async expire(key, ttlMs) {
      return (await client.pexpire(k(key), Math.max(0, Math.ceil(ttlMs)))) === 1;
    },
    pttl: (key) => client.pttl(k(key)),
    async takeToken(key, ratePerSec, burst, cost = 1): Promise<TokenBucketResult> {
      checkTokenBucket(ratePerSec, burst, cost);
      const [allowed, remaining, retryAfterMs] = await scripts.cacheTakeToken(
        k(key),
        ratePerSec,
        burst,
        cost,
      );
      return { allowed: allowed === 1, remaining, retryAfterMs };
    },
    async sadd(key, ...members) {
      return members.length === 0 ? 0 : client.sadd(k(key), ...members);
    },
    async srem(key, ...members) {
      return members.length === 0 ? 0 : client.srem(k(key), ...members);
    },
    smembers: (key) => client.smembers(k(key)),
    async zincrby(key, by, member) {
      return Number(await client.zincrby(k(key), by, member));
    },
    async zadd(key, entries) {
      if (entries.length === 0) return 0;
      return client.zadd(k(key), ...entries.flatMap(([member, score]) => [score, member]));
    },
    async zrem(key, ...members) {
      return members.length === 0 ? 0 : client.zrem(k(key), ...members);
    },
    async zrevrange(key, start, stop) {
      const flat = await client.zrevrange(k(key), start, stop, 'WITHSCORES');
      const out: ScoredMember[] = [];
      for (let i = 0; i + 1 < flat.length; i += 2) out.push({ member: flat[i]!, score: Number(flat[i + 1]) });
      return out;
    },
    async health(): Promise<ComponentHealth> {
      const details = { adapter: 'redis', status: client.status };
      try {
        await withTimeout(client.ping(), HEALTH_TIMEOUT_MS, 'PING');
        return { status: 'UP', details };
      } catch (err) {
        return { status: 'DOWN', details: { ...details, error: reason(err) } };
      }
    },
    close: () => closeRedis(client),
  };
}
