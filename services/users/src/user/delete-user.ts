import type { Revocations } from '@chat/security';
import type { OutboxRelay } from '../events/outbox-relay.ts';
import type { UserRepository } from './user.repository.ts';

/**
 * Deletes a user the one way every path does (an administrator, the user themself, a signup
 * undone): the row and its `UserDeleted` event in one transaction, then the "revoked before"
 * stamp (every token of theirs fails at once) and a kick of the relay. False when there was no
 * such user.
 */
export async function deleteUser(
  deps: {
    repo: UserRepository;
    events: Pick<OutboxRelay, 'kick'>;
    revocations: Revocations;
    now: () => number;
  },
  userId: number,
): Promise<boolean> {
  const row = await deps.repo.transaction(async (tx) => {
    const gone = await tx.delete(userId);
    if (gone) await tx.recordEvent({ type: 'UserDeleted', userId }, deps.now());
    return gone;
  });
  if (!row) return false;
  await deps.revocations.revokeUser(userId, deps.now());
  void deps.events.kick();
  return true;
}
