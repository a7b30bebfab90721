import type { PublicProfile, UserStatus } from '@chat/contracts';
import { Errors } from '@chat/platform';
import type { Revocations } from '@chat/security';
import type { OutboxRelay } from '../events/outbox-relay.ts';
import { deleteUser } from '../user/delete-user.ts';
import { presentPublicProfile } from '../user/user.presenter.ts';
import type { UserRepository } from '../user/user.repository.ts';

export interface AdminDeps {
  repo: UserRepository;
  /** Kicked after a transaction recorded events. */
  events: Pick<OutboxRelay, 'kick'>;
  revocations: Revocations;
  now?: () => number;
}

/**
 * Administrator actions. Leaving ACTIVE (INACTIVE, SUSPENDED) or being deleted ends the user's
 * tokens at once: the "revoked before" stamp is written before the answer, the event (committed
 * with the change, relayed from the outbox) then lets auth revoke the sessions and chat close
 * sockets.
 */
export function createAdminService(deps: AdminDeps) {
  const { repo, events, revocations } = deps;
  const now = deps.now ?? Date.now;
  return {
    async setStatus(input: { actorId: number; userId: number; status: UserStatus }): Promise<PublicProfile> {
      if (input.actorId === input.userId) throw Errors.notOnYourself('change the status of');
      const result = await repo.transaction(async (tx) => {
        const result = await tx.setStatus(input.userId, input.status);
        if (result && result.oldStatus !== result.row.status) {
          const { row, oldStatus } = result;
          await tx.recordEvent(
            { type: 'UserStatusChanged', userId: row.id, oldStatus, newStatus: row.status },
            now(),
          );
        }
        return result;
      });
      if (!result) throw Errors.userNotFound(input.userId);
      const { row, oldStatus } = result;
      if (oldStatus !== row.status) {
        // Stamped after the commit (not at the event's occurredAt, taken before it), so it also
        // covers tokens issued while the old status was still the committed one.
        if (row.status !== 'ACTIVE') await revocations.revokeUser(row.id, now());
        void events.kick();
      }
      return presentPublicProfile(row);
    },

    async deleteUser(input: { actorId: number; userId: number }): Promise<void> {
      if (input.actorId === input.userId) throw Errors.notOnYourself('delete');
      if (!(await deleteUser({ repo, events, revocations, now }, input.userId))) {
        throw Errors.userNotFound(input.userId);
      }
    },
  };
}

export type AdminService = ReturnType<typeof createAdminService>;
