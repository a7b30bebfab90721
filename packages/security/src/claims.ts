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
};
