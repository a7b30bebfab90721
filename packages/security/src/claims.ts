import type { UserRole } from '@chat/contracts';

/** Value of the `typ` claim: an access token is never accepted as a refresh token, nor the reverse. */
export type TokenType = 'access' | 'refresh';

/** Who made a request, as a verified access token says. */
export interface Principal {
  readonly userId: number;
  readonly email: string;
  readonly role: UserRole;
  /** Token id (denylisted on logout). */
  readonly jti: string;
  /** Session id (one per login; revoked on logout and on refresh-token reuse). */
  readonly sid: string;
  /** Issued at / expires at, epoch seconds. */
  readonly iat: number;
  readonly exp: number;
}

export interface RefreshClaims {
  readonly userId: number;
  readonly sid: string;
  readonly jti: string;
  readonly iat: number;
  readonly exp: number;
}

/** A signed token with what callers need to store or return about it. */
export interface SignedToken {
  readonly token: string;
  readonly jti: string;
  /** Epoch seconds. */
  readonly exp: number;
}

/** Cache keys of the revocation state, shared by every service that verifies tokens. */
export const revocationKeys = {
  /** A single access token, denylisted until it would have expired anyway. */
  token: (jti: string) => `auth:revoked:jti:${jti}`,
  /** Every access token of a session. */
  session: (sid: string) => `auth:revoked:sid:${sid}`,
  /** Every access token of a user issued at or before the stored epoch-millis stamp. */
  user: (userId: number) => `auth:revoked:user:${userId}`,
  /**
   * Sentinel written by auth once the cache holds every revocation of its database. Missing
   * means the cache lost its data (restart, flush): a cache miss proves nothing until auth
   * has rebuilt the state.
   */
  epoch: 'auth:revocation:epoch',
};

/** What a revocation check needs of an access token. */
export interface RevocationQuery {
  readonly userId: number;
  readonly jti: string;
  readonly sid: string;
  /** Issued at, epoch seconds. */
  readonly iat: number;
}

/**
 * The revocation state as stored under `revocationKeys` (cache or auth's database): the token's
 * jti, its session and the user's "revoked before" stamp (epoch millis) decide.
 */
export function isRevokedBy(
  iatSec: number,
  values: { jti: string | null; sid: string | null; user: string | null },
): boolean {
  if (values.jti != null || values.sid != null) return true;
  if (values.user == null) return false;
  const stampMs = Number(values.user);
  // `iat` has whole-second precision, so a token issued in the same second as the stamp counts
  // as issued before it: erring towards refusing keeps a revoked token from slipping through.
  return Number.isFinite(stampMs) && iatSec <= Math.floor(stampMs / 1000);
}
