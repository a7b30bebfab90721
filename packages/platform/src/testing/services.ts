import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { connect as netConnect } from 'node:net';
import { join } from 'node:path';

/** Where the real services of the test machine live (overridable by environment). */
export const testServiceUrls = {
  postgres: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  redis: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
  nats: process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222',
} as const;

export type RealService = keyof typeof testServiceUrls;

/**
 * Whether something accepts TCP connections at the URL's host and port. A service that is down
 * refuses at once; the 10 s timeout only covers a host that does not answer, and is long
 * because a test process's event loop can be busy for seconds (an embedded database starting
 * in the same thread), which would fire a short timeout before the connect event is seen.
 */
export function reachable(url: string): Promise<boolean> {
  const u = new URL(url);
  const port = Number(u.port || { 'postgres:': 5432, 'redis:': 6379, 'nats:': 4222 }[u.protocol] || 0);
  return new Promise((resolve) => {
    const socket = netConnect({ host: u.hostname, port });
    socket.setTimeout(10_000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Decides whether a real-service suite runs. Returns `false` to run it, or a skip reason.
 * With REQUIRE_SERVICES=1 an unreachable service throws, failing the run instead of skipping.
 * Skips are recorded so the test script can list them at the end (see `skipFor`).
 */
export async function skipUnless(suite: string, ...services: RealService[]): Promise<false | string> {
  const missing: string[] = [];
  for (const s of services) if (!(await reachable(testServiceUrls[s]))) missing.push(s);
  if (missing.length === 0) return false;
  return skipFor(`${suite}: ${missing.join(', ')} not reachable`);
}

/**
 * The one way a suite skips for want of a service, binary or browser: with REQUIRE_SERVICES=1
 * it throws (the run fails); otherwise the reason is recorded for the test script's list of
 * skipped suites and returned, for `{ skip }` or `t.skip()`.
 */
export function skipFor(reason: string): string {
  if (process.env.REQUIRE_SERVICES === '1') throw new Error(`REQUIRE_SERVICES=1 but ${reason}`);
  if (process.env.TEST_SKIP_DIR) {
    writeFileSync(join(process.env.TEST_SKIP_DIR, randomBytes(6).toString('hex')), reason);
  }
  return reason;
}

/** A short random name for isolating one test's database, key prefix or stream names. */
export function uniqueName(prefix = 't'): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}
