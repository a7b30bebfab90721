import {
  type CreateUserInput,
  normalizeName,
  type PublicProfile,
  type UserAccount,
  type UserRole,
  type UsersClient,
} from '@chat/contracts';
import { Errors } from '@chat/platform';
import type { Revocations } from '@chat/security';
import type { OutboxRelay } from '../events/outbox-relay.ts';
import { deleteUser } from '../user/delete-user.ts';
import { presentAccount, presentPublicProfile } from '../user/user.presenter.ts';
import type { UserRepository } from '../user/user.repository.ts';

export interface AccountsDeps {
  repo: UserRepository;
  /** Kicked after a transaction recorded events. */
  events: Pick<OutboxRelay, 'kick'>;
  revocations: Revocations;
  now?: () => number;
}

/**
 * Account operations other services use (the in-process UsersClient is this object; the
 * internal HTTP routes call it too).
 */
export function createAccountsService(deps: AccountsDeps): UsersClient {
  const { repo, events, revocations } = deps;
  const now = deps.now ?? Date.now;

  return {
    async createUser(input: CreateUserInput): Promise<UserAccount> {
      const row = await repo.transaction(async (tx) => {
        const row = await tx.insert({
          email: input.email,
          nickname: normalizeName(input.nickname),
          role: input.role ?? 'ROLE_USER',
        });
        if (!row) return null;
        await tx.recordEvent(
          {
            type: 'UserCreated',
            userId: row.id,
            email: row.email,
            nickname: row.nickname,
            role: row.role,
            status: row.status,
          },
          now(),
        );
        return row;
      });
      if (!row) throw Errors.emailTaken();
      void events.kick();
      return presentAccount(row);
    },

    async findByEmail(email: string) {
      const row = await repo.findByEmail(email);
      return row ? presentAccount(row) : null;
    },

    async getUser(id: number) {
      const row = await repo.findById(id);
      return row ? presentAccount(row) : null;
    },

    async getPublicProfiles(ids: readonly number[]): Promise<PublicProfile[]> {
      return (await repo.findByIds(ids)).map(presentPublicProfile);
    },

    async setRole(id: number, role: UserRole) {
      const row = await repo.setRole(id, role);
      if (!row) throw Errors.userNotFound(id);
      return presentAccount(row);
    },

    async removeUser(id: number) {
      await deleteUser({ repo, events, revocations, now }, id);
    },

    async markSeen(id: number) {
      await repo.markSeen(id);
    },
  };
}
