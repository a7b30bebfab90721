import { USER_ROLES, type UserRole } from '@chat/contracts';
import { type Cache, Errors } from '@chat/platform';
import { type Principal, revocationKeys } from './claims.ts';
import { verifyJwt } from './jwt-verify.ts';
import { lazySecretKey } from './secret-key.ts';

export interface TokenVerifierOptions {
  secret: string | undefined;
  /** The shared cache holding the revocation state (Redis when distributed). */
  cache: Cache;
  /** Epoch millis (tests move time). */
  now?: () => number;
}

export interface TokenVerifier {
  /** Resolves with the principal or throws UNAUTHORIZED (bad, expired, wrong type or revoked). */
  verifyAccessToken(token: string): Promise<Principal>;
}

/**
 * Access-token verification without asking the auth service: signature, expiry and type are
 * checked locally, then one cache round trip (MGET) checks the token's jti, its session and
 * the user's "revoked before" stamp.
 */
export function createTokenVerifier(opts: TokenVerifierOptions): TokenVerifier {
  const key = lazySecretKey(opts.secret);
  const now = opts.now ?? Date.now;
  return {
    async verifyAccessToken(token) {
      const v = verifyJwt(key(), token, 'access', now);
      const { email, role } = v.payload;
      if (typeof email !== 'string' || !(USER_ROLES as readonly unknown[]).includes(role)) {
        throw Errors.unauthorized('Invalid or expired token');
      }
      const [jtiRevoked, sessionRevoked, userStamp] = await opts.cache.mget([
        revocationKeys.token(v.jti),
        revocationKeys.session(v.sid),
        revocationKeys.user(v.userId),
      ]);
      if (jtiRevoked != null || sessionRevoked != null || issuedBeforeStamp(v.iat, userStamp ?? null)) {
        throw Errors.unauthorized('Token has been revoked');
      }
      return {
        userId: v.userId,
        email,
        role: role as UserRole,
        jti: v.jti,
        sid: v.sid,
        iat: v.iat,
        exp: v.exp,
      };
    },
  };
}

/**
 * `iat` has whole-second precision, so a token issued in the same second as the stamp counts as
 * issued before it: erring towards refusing keeps a revoked token from slipping through.
 */
function issuedBeforeStamp(iatSec: number, stamp: string | null): boolean {
  if (stamp === null) return false;
  const stampMs = Number(stamp);
  return Number.isFinite(stampMs) && iatSec <= Math.floor(stampMs / 1000);
}
