import { USER_ROLES, type UserRole } from '@chat/contracts';
import { type Cache, Errors } from '@chat/platform';
import { isRevokedBy, type Principal, type RevocationQuery, revocationKeys } from './claims.ts';
import { verifyJwt } from './jwt-verify.ts';
import { lazySecretKey } from './secret-key.ts';

/** Asks the source of truth (auth's database, directly or through the auth client). */
export type RevocationCheck = (q: RevocationQuery) => Promise<boolean>;

export interface TokenVerifierOptions {
  secret: string | undefined;
  /** The shared cache holding the revocation state (Redis when distributed). */
  cache: Cache;
  /**
   * Asked when the cache cannot answer: it is unreachable, or its epoch sentinel is missing
   * (the cache lost its data and auth has not rebuilt it yet). Without it the cache is trusted
   * as it is (unit tests, benchmarks).
   */
  fallback?: RevocationCheck;
  /** Epoch millis (tests move time). */
  now?: () => number;
}

export interface TokenVerifier {
  /** Resolves with the principal or throws UNAUTHORIZED (bad, expired, wrong type or revoked). */
  verifyAccessToken(token: string): Promise<Principal>;
  /** True when the token of an already verified principal has been revoked since. */
  isRevoked(q: RevocationQuery): Promise<boolean>;
  /**
   * The user and expiry (epoch seconds) of a well-signed, unexpired access token, without the
   * revocation check (no cache round trip), or undefined. For keying per-user limits only,
   * never for access.
   */
  signedAccessToken(token: string): { userId: number; exp: number } | undefined;
}

/**
 * Access-token verification without asking the auth service: signature, expiry and type are
 * checked locally, then one cache round trip (MGET) checks the token's jti, its session, the
 * user's "revoked before" stamp and the epoch sentinel. A cache that is down or lost its data
 * is not trusted: `fallback` answers instead (SERVICE_UNAVAILABLE when it cannot).
 */
export function createTokenVerifier(opts: TokenVerifierOptions): TokenVerifier {
  const key = lazySecretKey(opts.secret);
  const now = opts.now ?? Date.now;

  async function isRevoked(q: RevocationQuery): Promise<boolean> {
    const keys = [revocationKeys.token(q.jti), revocationKeys.session(q.sid), revocationKeys.user(q.userId)];
    const { fallback } = opts;
    if (!fallback) {
      const [jti, sid, user] = await opts.cache.mget(keys);
      return isRevokedBy(q.iat, { jti: jti ?? null, sid: sid ?? null, user: user ?? null });
    }
    const values = await opts.cache.mget([...keys, revocationKeys.epoch]).catch(() => null);
    if (values?.[3] != null) {
      const [jti, sid, user] = values;
      return isRevokedBy(q.iat, { jti: jti ?? null, sid: sid ?? null, user: user ?? null });
    }
    try {
      return await fallback(q);
    } catch {
      throw Errors.unavailable('Token revocation state is unavailable, try again shortly');
    }
  }

  return {
    isRevoked,
    signedAccessToken(token) {
      try {
        const { userId, exp } = verifyJwt(key(), token, 'access', now);
        return { userId, exp };
      } catch {
        return undefined;
      }
    },
    async verifyAccessToken(token) {
      const v = verifyJwt(key(), token, 'access', now);
      const { email, role } = v.payload;
      if (typeof email !== 'string' || !(USER_ROLES as readonly unknown[]).includes(role)) {
        throw Errors.unauthorized('Invalid or expired token');
      }
      if (await isRevoked(v)) throw Errors.unauthorized('Token has been revoked');
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
