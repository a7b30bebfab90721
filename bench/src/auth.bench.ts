import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Cache, createLogger, createMemoryCache, createRedisCache, loadConfig } from '@chat/platform';
import { reachable } from '@chat/platform/testing';
import { createTokenSigner, createTokenVerifier } from '@chat/security';
import { startServer } from '@chat/server';
import { fmt, percentiles } from './lib/stats.ts';

export interface AuthBenchOptions {
  /** Logins in flight at once. */
  concurrency?: number;
  /** Seconds per measurement. */
  seconds?: number;
  /** Redis for the Redis-backed verification figure (skipped when unreachable). */
  redisUrl?: string;
}

export interface AuthBenchResult {
  loginsPerSec: number;
  loginLatencyMs: Record<string, number>;
  concurrency: number;
  verificationsPerSecEmbedded: number;
  verificationsPerSecRedis: number | null;
}

const SECRET = 'bench-secret-0123456789-0123456789-0123456789';

/** Runs `op` with `concurrency` in flight for `seconds`; returns ops/s and per-op latencies. */
async function drive(op: () => Promise<unknown>, concurrency: number, seconds: number) {
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const t = performance.now();
        await op();
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { perSec: latencies.length / ((performance.now() - started) / 1000), latencies };
}

/** Login throughput over HTTP (argon2id, the real server in-process on embedded adapters). */
async function benchLogin(concurrency: number, seconds: number) {
  const dataDir = mkdtempSync(join(tmpdir(), 'chat-bench-auth-'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    SERVICES: 'users,auth',
    JWT_SECRET: SECRET,
    LOGIN_RATE_PER_MIN: '100000',
    LOG_LEVEL: 'warn',
  });
  const server = await startServer(config, createLogger({ level: 'warn' }));
  try {
    const post = (path: string, body: unknown) =>
      fetch(server.url + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const users = Array.from({ length: concurrency }, (_, i) => ({
      email: `bench${i}@example.com`,
      password: `bench-password-${i}`,
      nickname: `bench${i}`,
    }));
    for (const u of users) await post('/api/auth/signup', u);
    let n = 0;
    const login = async () => {
      const u = users[n++ % users.length]!;
      const res = await post('/api/auth/login', { email: u.email, password: u.password });
      if (res.status !== 200) throw new Error(`login answered ${res.status}`);
      await res.arrayBuffer();
    };
    await drive(login, concurrency, 1); // warm-up
    return await drive(login, concurrency, seconds);
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Verifications per second: local signature check plus one cache round trip each. */
async function benchVerify(cache: Cache, seconds: number): Promise<number> {
  const signer = createTokenSigner({ secret: SECRET, accessTtlSec: 900, refreshTtlSec: 3600 });
  const verifier = createTokenVerifier({ secret: SECRET, cache });
  const tokens = await Promise.all(
    Array.from({ length: 100 }, (_, i) =>
      signer.signAccess({ userId: i + 1, email: `u${i}@example.com`, role: 'ROLE_USER', sid: `s${i}` }),
    ),
  );
  let n = 0;
  const verify = () => verifier.verifyAccessToken(tokens[n++ % tokens.length]!.token);
  await drive(verify, 64, 0.5);
  return (await drive(verify, 64, seconds)).perSec;
}

export async function runAuthBench(opts: AuthBenchOptions = {}): Promise<AuthBenchResult> {
  const concurrency = opts.concurrency ?? 16;
  const seconds = opts.seconds ?? 5;
  const redisUrl = opts.redisUrl ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const login = await benchLogin(concurrency, seconds);
  const memory = createMemoryCache();
  const embedded = await benchVerify(memory, seconds);
  await memory.close();
  let redis: number | null = null;
  if (await reachable(redisUrl)) {
    const cache = await createRedisCache({ url: redisUrl, prefix: `bench-${Date.now()}:` });
    try {
      redis = await benchVerify(cache, seconds);
    } finally {
      await cache.close();
    }
  }
  return {
    loginsPerSec: login.perSec,
    loginLatencyMs: percentiles(login.latencies),
    concurrency,
    verificationsPerSecEmbedded: embedded,
    verificationsPerSecRedis: redis,
  };
}

/** Human-readable lines for main.ts. */
export function describeAuthBench(r: AuthBenchResult): string[] {
  const l = r.loginLatencyMs;
  return [
    `login (argon2id m=19MiB t=2 p=1, HTTP, ${r.concurrency} concurrent): ${fmt(r.loginsPerSec, 1)} logins/s, p50 ${l.p50} ms, p95 ${l.p95} ms, p99 ${l.p99} ms`,
    `access-token verification, embedded cache: ${fmt(r.verificationsPerSecEmbedded)} /s`,
    `access-token verification, Redis cache (one MGET each): ${r.verificationsPerSecRedis === null ? 'skipped (Redis not reachable)' : `${fmt(r.verificationsPerSecRedis)} /s`}`,
  ];
}
