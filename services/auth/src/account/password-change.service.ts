import type { ChangePasswordBody } from '@chat/contracts';
import { Errors, type Logger } from '@chat/platform';
import type { Principal } from '@chat/security';
import type { CredentialRepository } from '../credentials/credential.repository.ts';
import type { PasswordHasher } from '../credentials/password-hasher.ts';
import { checkPassword } from '../credentials/password-policy.ts';
import type { SessionService } from '../sessions/session.service.ts';
import type { PasswordCheck } from './password-check.ts';

/**
 * Changing my password: the current one must match (400 naming `body.currentPassword` when not:
 * a field error, not a sign-out), the new one follows the signup policy. Then every other
 * session of mine ends at once (refresh and access tokens, open STOMP sessions); the session
 * that asked keeps working.
 */
export function createPasswordChangeService(deps: {
  passwords: PasswordCheck;
  credentials: CredentialRepository;
  hasher: PasswordHasher;
  sessions: SessionService;
  logger: Logger;
}) {
  const { passwords, credentials, hasher, sessions, logger } = deps;
  return {
    async change(principal: Principal, body: ChangePasswordBody): Promise<{ revokedSessions: number }> {
      // The new password first: a refusal for it costs nothing of the confirmation budget.
      checkPassword(body.newPassword, 'body.newPassword');
      const checked = await passwords.check(principal.userId, body.currentPassword);
      if (checked.verdict === 'THROTTLED') throw Errors.tooManyRequests(checked.retryAfterMs);
      if (checked.verdict === 'MISMATCH' || !checked.hash) throw Errors.wrongPassword('body.currentPassword');
      if (body.newPassword === body.currentPassword) {
        throw Errors.badRequest('body.newPassword must differ from the current password');
      }
      const replaced = await credentials.replace(
        principal.userId,
        checked.hash,
        await hasher.hash(body.newPassword),
      );
      // Another change (or a login's rehash) got there between the check and now: say so.
      if (!replaced) throw Errors.conflict('The password changed meanwhile; try again');
      const revokedSessions = await sessions.revokeOthers(principal.userId, principal.sid, 'password-change');
      logger.info({ userId: principal.userId, revokedSessions }, 'password changed; other sessions revoked');
      return { revokedSessions };
    },
  };
}

export type PasswordChangeService = ReturnType<typeof createPasswordChangeService>;
