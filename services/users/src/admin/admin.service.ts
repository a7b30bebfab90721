import type { PublicProfile, UserStatus } from '@chat/contracts';
import type { Revocations } from '@chat/security';
import { UserErrors } from '../errors.ts';
import type { UserEventPublisher } from '../events/user-events.publisher.ts';
import { toPublicProfile } from '../user/user.model.ts';
import type { UserRepository } from '../user/user.repository.ts';

export interface AdminDeps {
  repo: UserRepository;
  events: UserEventPublisher;
  revocations: Revocations;
  now?: () => number;
}

/**
 * Administrator actions. Leaving ACTIVE (INACTIVE, SUSPENDED) or being deleted ends the user's
 * tokens at once: the "revoked before" stamp is written before the answer, the event then lets
 * auth revoke the sessions and chat close sockets.
 */
export function createAdminService(deps: AdminDeps) {
  const { repo, events, revocations } = deps;
  const now = deps.now ?? Date.now;
  return {
    async setStatus(input: { actorId: number; userId: number; status: UserStatus }): Promise<PublicProfile> {
      if (input.actorId === input.userId) throw UserErrors.notOnYourself('change the status of');
      const result = await repo.setStatus(input.userId, input.status);
      if (!result) throw UserErrors.notFound(input.userId);
      const { row, oldStatus } = result;
      if (oldStatus !== row.status) {
        const at = now();
        if (row.status !== 'ACTIVE') await revocations.revokeUser(row.id, at);
        await events.publish(
          { type: 'UserStatusChanged', userId: row.id, oldStatus, newStatus: row.status },
          at,
        );
      }
      return toPublicProfile(row);
    },

    async deleteUser(input: { actorId: number; userId: number }): Promise<void> {
      if (input.actorId === input.userId) throw UserErrors.notOnYourself('delete');
      const row = await repo.delete(input.userId);
      if (!row) throw UserErrors.notFound(input.userId);
      const at = now();
      await revocations.revokeUser(row.id, at);
      await events.publish({ type: 'UserDeleted', userId: row.id }, at);
    },
  };
}

export type AdminService = ReturnType<typeof createAdminService>;
