import type { AuthCredentialsClient, ProfileExport } from '@chat/contracts';
import { Errors } from '@chat/platform';
import type { Revocations } from '@chat/security';
import type { OutboxRelay } from '../events/outbox-relay.ts';
import { deleteUser } from '../user/delete-user.ts';
import { presentMyProfile } from '../user/user.presenter.ts';
import type { UserRepository } from '../user/user.repository.ts';

export interface AccountDeps {
  repo: UserRepository;
  events: Pick<OutboxRelay, 'kick'>;
  revocations: Revocations;
  /** Auth checks the password (users never sees a hash). */
  credentials: AuthCredentialsClient;
  now?: () => number;
}

/**
 * My account: deleting it (confirmed with my password) and my profile's part of the data
 * export. Deletion is the administrator's deletion applied to myself: the row goes (the email
 * is free again), `UserDeleted` is committed with it (auth drops the credential and sessions,
 * chat closes sockets and shows my messages as a deleted user's), and the "revoked before"
 * stamp is written before the answer, so every token of mine fails at once.
 */
export function createAccountService(deps: AccountDeps) {
  const { repo, events, revocations, credentials } = deps;
  const now = deps.now ?? Date.now;
  return {
    async deleteMine(userId: number, password: string): Promise<void> {
      const row = await repo.findById(userId);
      if (!row) throw Errors.userNotFound(userId);
      // Administrators stay deletable only by another one (the last one cannot vanish by accident).
      if (row.role === 'ROLE_ADMIN') throw Errors.notOnYourself('delete');
      const checked = await credentials.confirmPassword(userId, password);
      if (checked.verdict === 'THROTTLED') throw Errors.tooManyRequests(checked.retryAfterMs);
      if (checked.verdict !== 'MATCH') throw Errors.wrongPassword('body.password');
      if (!(await deleteUser({ repo, events, revocations, now }, userId))) throw Errors.userNotFound(userId);
    },

    async exportMine(userId: number): Promise<ProfileExport> {
      const row = await repo.findById(userId);
      if (!row) throw Errors.userNotFound(userId);
      return { exportedAt: new Date(now()).toISOString(), profile: presentMyProfile(row) };
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
