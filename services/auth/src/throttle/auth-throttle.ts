import { createHash } from 'node:crypto';
import { Errors, type TokenBuckets } from '@chat/platform';

export interface AuthThrottle {
  /** Before checking a password: per account and per client address. 429 with Retry-After. */
  login(email: string, clientIp: string): Promise<void>;
  /** Per client address. */
  signup(clientIp: string): Promise<void>;
}

/** A client address may try several accounts (shared NAT), so it gets this many times more. */
export const ADDRESS_FACTOR = 5;

const emailKey = (email: string) =>
  createHash('sha256').update(email.toLowerCase()).digest('hex').slice(0, 32);

/**
 * Token buckets in the shared cache, so limits hold across nodes. `perMin` attempts per minute
 * refill continuously, with a burst of `perMin`. Every attempt counts, successful or not.
 */
export function createAuthThrottle(cache: TokenBuckets, perMin: number): AuthThrottle {
  async function take(key: string, ratePerMin: number): Promise<number> {
    const result = await cache.takeToken(key, ratePerMin / 60, ratePerMin);
    return result.allowed ? 0 : Math.max(1, result.retryAfterMs);
  }
  const refuse = (waits: number[]) => {
    const wait = Math.max(...waits);
    if (wait > 0) throw Errors.tooManyRequests(wait);
  };
  return {
    async login(email, clientIp) {
      refuse(
        await Promise.all([
          take(`auth:throttle:login:account:${emailKey(email)}`, perMin),
          take(`auth:throttle:login:address:${clientIp}`, perMin * ADDRESS_FACTOR),
        ]),
      );
    },
    async signup(clientIp) {
      refuse([await take(`auth:throttle:signup:address:${clientIp}`, perMin)]);
    },
  };
}
