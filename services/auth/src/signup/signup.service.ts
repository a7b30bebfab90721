import type { AuthResponse, UsersClient } from '@chat/contracts';
import type { Logger } from '@chat/platform';
import { toAuthResponse } from '../auth-response.ts';
import type { CredentialRepository } from '../credentials/credential.repository.ts';
import type { PasswordHasher } from '../credentials/password-hasher.ts';
import { checkPassword } from '../credentials/password-policy.ts';
import type { ClientMeta, SessionService } from '../sessions/session.service.ts';
import type { AuthThrottle } from '../throttle/auth-throttle.ts';

export interface SignupDeps {
  users: UsersClient;
  credentials: CredentialRepository;
  hasher: PasswordHasher;
  sessions: SessionService;
  throttle: AuthThrottle;
  logger: Logger;
}

export interface SignupInput {
  email: string;
  password: string;
  nickname: string;
}

/**
 * Signup: users creates the account (409 on a taken email), auth stores the credential; if that
 * fails the account is removed again. Always ROLE_USER: administrators are never made here.
 */
export function createSignupService(deps: SignupDeps) {
  const { users, credentials, hasher, sessions, throttle, logger } = deps;
  return {
    async signup(input: SignupInput, meta: ClientMeta & { clientIp: string }): Promise<AuthResponse> {
      await throttle.signup(meta.clientIp);
      checkPassword(input.password);
      const hash = await hasher.hash(input.password);
      const user = await users.createUser({
        email: input.email,
        nickname: input.nickname,
        role: 'ROLE_USER',
      });
      try {
        await credentials.put(user.id, hash);
      } catch (err) {
        await users.removeUser(user.id).catch((undo: unknown) => {
          logger.error(
            { err: undo, userId: user.id },
            'signup compensation failed: account without credential',
          );
        });
        throw err;
      }
      return toAuthResponse(user, await sessions.open(user, meta));
    },
  };
}

export type SignupService = ReturnType<typeof createSignupService>;
