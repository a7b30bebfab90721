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
