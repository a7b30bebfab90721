/** Operator actions of the auth service (CLI, bootstrap). In-process only. */
export interface AuthAdminClient {
  /**
   * Creates an administrator, or makes an existing account one and sets its password (its
   * sessions are revoked). Validates the password like signup.
   */
  createAdmin(input: { email: string; password: string; nickname?: string }): Promise<{
    userId: number;
    created: boolean;
  }>;
}

/** What a revocation check needs of an access token (its claims). */
export interface TokenRevocationQuery {
  readonly userId: number;
  readonly jti: string;
  readonly sid: string;
  /** Issued at, epoch seconds. */
  readonly iat: number;
}

/**
 * Auth's revocation state from its database, for verifiers whose cache cannot answer (down,
 * or lost its data). In-process when auth runs in the process, else HTTP (`@chat/clients`, AUTH_URL);
 * SERVICE_UNAVAILABLE when auth cannot be reached.
 */
export interface AuthRevocationClient {
  isTokenRevoked(q: TokenRevocationQuery): Promise<boolean>;
}

/** How a password confirmation went (AuthCredentialsClient). */
export type PasswordVerdict =
  | { readonly verdict: 'MATCH' }
  | { readonly verdict: 'MISMATCH' }
  /** Too many confirmations for this user lately: try again in `retryAfterMs`. */
  | { readonly verdict: 'THROTTLED'; readonly retryAfterMs: number };

/**
 * Auth's check of a signed-in user's password, for other services' confirmations (deleting my
 * account). Throttled per user like login, so a stolen access token cannot be used to guess the
 * password. In-process when auth runs in the process, else HTTP (`@chat/clients`, AUTH_URL);
 * SERVICE_UNAVAILABLE when auth cannot be reached.
 */
export interface AuthCredentialsClient {
  confirmPassword(userId: number, password: string): Promise<PasswordVerdict>;
}
