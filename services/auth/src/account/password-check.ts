import type { AuthCredentialsClient, PasswordVerdict } from '@chat/contracts';
import type { CredentialRepository } from '../credentials/credential.repository.ts';
import type { PasswordHasher } from '../credentials/password-hasher.ts';
import type { AuthThrottle } from '../throttle/auth-throttle.ts';

/** A verdict, and the hash it was checked against (a password change replaces exactly that one). */
export type CheckedPassword = PasswordVerdict & { readonly hash?: string };

/**
 * A signed-in user's password, checked for a confirmation (password change here, account
 * deletion in users through AuthCredentialsClient). Every check spends the user's confirmation
 * budget first, so a stolen access token cannot be used to guess the password faster than login.
 */
export function createPasswordCheck(deps: {
  credentials: CredentialRepository;
  hasher: PasswordHasher;
  throttle: Pick<AuthThrottle, 'confirmWait'>;
}) {
  const { credentials, hasher, throttle } = deps;

  async function check(userId: number, password: string): Promise<CheckedPassword> {
    const wait = await throttle.confirmWait(userId);
    if (wait > 0) return { verdict: 'THROTTLED', retryAfterMs: wait };
    const hash = await credentials.get(userId);
    // No credential (deleted meanwhile): a dummy hash is verified, same cost, MISMATCH.
    if (!(await hasher.verify(hash, password)) || hash === null) return { verdict: 'MISMATCH' };
    return { verdict: 'MATCH', hash };
  }

  const client: AuthCredentialsClient = {
    async confirmPassword(userId, password) {
      const { hash: _hash, ...verdict } = await check(userId, password);
      return verdict;
    },
  };
  return { check, client };
}

export type PasswordCheck = ReturnType<typeof createPasswordCheck>;
