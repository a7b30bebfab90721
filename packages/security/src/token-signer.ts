import { randomUUID } from 'node:crypto';
import type { UserRole } from '@chat/contracts';
import type { RefreshClaims, SignedToken, TokenType } from './claims.ts';
import { signHs256 } from './hs256.ts';
import { verifyJwt } from './jwt-verify.ts';
import { lazySecretKey } from './secret-key.ts';

export interface TokenSignerOptions {
  secret: string | undefined;
  accessTtlSec: number;
  refreshTtlSec: number;
  /** Epoch millis (tests move time). */
  now?: () => number;
}

export interface TokenSigner {
  readonly accessTtlSec: number;
  readonly refreshTtlSec: number;
  signAccess(claims: { userId: number; email: string; role: UserRole; sid: string }): Promise<SignedToken>;
  signRefresh(claims: { userId: number; sid: string }): Promise<SignedToken>;
  /** Signature, expiry and type of a refresh token; throws UNAUTHORIZED. No revocation check. */
  verifyRefresh(token: string): Promise<RefreshClaims>;
}

/** Signs the platform's JWTs (HS256). Only the auth service signs; everyone verifies. */
export function createTokenSigner(opts: TokenSignerOptions): TokenSigner {
  const key = lazySecretKey(opts.secret);
  const now = opts.now ?? Date.now;

  async function sign(typ: TokenType, sub: number, extra: Record<string, unknown>, ttlSec: number) {
    const iat = Math.floor(now() / 1000);
    const exp = iat + ttlSec;
    if (!Number.isFinite(exp)) throw new TypeError('token expiry must be a finite number of seconds');
    const jti = randomUUID();
    // Claim order as jose's SignJWT wrote it, so tokens stay byte-for-byte what they were.
    const token = signHs256(key(), JSON.stringify({ ...extra, typ, sub: String(sub), jti, iat, exp }));
    return { token, jti, exp };
  }

  return {
    accessTtlSec: opts.accessTtlSec,
    refreshTtlSec: opts.refreshTtlSec,
    signAccess: (c) =>
      sign('access', c.userId, { email: c.email, role: c.role, sid: c.sid }, opts.accessTtlSec),
    signRefresh: (c) => sign('refresh', c.userId, { sid: c.sid }, opts.refreshTtlSec),
    async verifyRefresh(token) {
      const p = verifyJwt(key(), token, 'refresh', now);
      return { userId: p.userId, sid: p.sid, jti: p.jti, iat: p.iat, exp: p.exp };
    },
  };
}
