import { createHash } from 'node:crypto';
import { Errors, type TokenBuckets } from '@chat/platform';

export interface AuthThrottle {
  /** Before checking a password: per (account, address), per address, per account. 429 with Retry-After. */
  login(email: string, clientIp: string): Promise<void>;
  /** Per client address. */
  signup(clientIp: string): Promise<void>;
  /**
   * A signed-in user confirming with their password (password change, account deletion):
   * per user, like login per account and address. 0 when allowed, else the wait in ms.
   */
  confirmWait(userId: number): Promise<number>;
}

/** A client address may try several accounts (shared NAT), so it gets this many times more. */
export const ADDRESS_FACTOR = 5;
/**
 * All addresses together may try one account this many times more than one address may: a brake
 * on guessing from many addresses, far above what one attacker's address can spend.
 */
export const ACCOUNT_FACTOR = 20;

const emailKey = (email: string) =>
  createHash('sha256').update(email.toLowerCase()).digest('hex').slice(0, 32);

/**
 * Token buckets in the shared cache, so limits hold across nodes; `perMin` attempts per minute
 * refill continuously, with a burst of `perMin`. Every attempt counts, successful or not.
 * Keyed so that guessing from one address cannot lock the owner out (docs/services/auth.md):
 * 1. (account, address): `perMin`; an attacker's address is stopped for that account only;
 * 2. address: `perMin x ADDRESS_FACTOR` over all accounts (password spraying);
 * 3. account: `perMin x ACCOUNT_FACTOR` over all addresses, spent only by attempts that passed
 *    1 and 2, so an address already refused does not drain the owner's budget.
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
      const account = emailKey(email);
      refuse(
        await Promise.all([
          take(`auth:throttle:login:pair:${account}:${clientIp}`, perMin),
          take(`auth:throttle:login:address:${clientIp}`, perMin * ADDRESS_FACTOR),
        ]),
      );
      refuse([await take(`auth:throttle:login:account:${account}`, perMin * ACCOUNT_FACTOR)]);
    },
    async signup(clientIp) {
      refuse([await take(`auth:throttle:signup:address:${clientIp}`, perMin)]);
    },
    confirmWait: (userId) => take(`auth:throttle:confirm:user:${userId}`, perMin),
  };
}
