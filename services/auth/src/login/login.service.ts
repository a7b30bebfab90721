import type { AuthResponse, UsersClient } from '@chat/contracts';
import { Errors, type Logger } from '@chat/platform';
import { toAuthResponse } from '../auth-response.ts';
import type { CredentialRepository } from '../credentials/credential.repository.ts';
import type { PasswordHasher } from '../credentials/password-hasher.ts';
import type { ClientMeta, SessionService } from '../sessions/session.service.ts';
import type { AuthThrottle } from '../throttle/auth-throttle.ts';

export interface LoginDeps {
  users: UsersClient;
  credentials: CredentialRepository;
  hasher: PasswordHasher;
  sessions: SessionService;
  throttle: AuthThrottle;
  logger: Logger;
}

/**
 * Login. Unknown email and wrong password give the same 401 after similar work (a dummy hash is
 * verified when there is no account). Status and role come from users on every login, so a
 * suspension takes effect at once. A bcrypt (or outdated argon2) hash is upgraded on success.
 */
export function createLoginService(deps: LoginDeps) {
  const { users, credentials, hasher, sessions, throttle, logger } = deps;

  async function upgradeHash(userId: number, previous: string, password: string): Promise<void> {
    try {
      await credentials.replace(userId, previous, await hasher.hash(password));
    } catch (err) {
      logger.warn({ err, userId }, 'password rehash failed (the old hash stays valid)');
    }
  }

  return {
    async login(
      input: { email: string; password: string },
      meta: ClientMeta & { clientIp: string },
    ): Promise<AuthResponse> {
      await throttle.login(input.email, meta.clientIp);
      const user = await users.findByEmail(input.email);
      const hash = user ? await credentials.get(user.id) : null;
      const matches = await hasher.verify(hash, input.password);
      if (!user || hash === null || !matches) throw Errors.invalidCredentials();
      if (user.status !== 'ACTIVE') throw Errors.accountNotActive();
      if (hasher.needsRehash(hash)) await upgradeHash(user.id, hash, input.password);
      const tokens = await sessions.open(user, meta);
      users
        .markSeen(user.id)
        .catch((err: unknown) => logger.warn({ err, userId: user.id }, 'markSeen failed'));
      return toAuthResponse(user, tokens);
    },
  };
}

export type LoginService = ReturnType<typeof createLoginService>;
