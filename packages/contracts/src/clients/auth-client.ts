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
