import { isHttpUrl, type MyProfile, normalizeName, type PublicProfile } from '@chat/contracts';
import { Errors } from '@chat/platform';
import type { OutboxRelay } from '../events/outbox-relay.ts';
import { presentMyProfile, presentPublicProfile } from '../user/user.presenter.ts';
import type { ProfilePatch, UserRepository } from '../user/user.repository.ts';

/** Reading and editing profiles. */
export function createProfileService(deps: { repo: UserRepository; events: Pick<OutboxRelay, 'kick'> }) {
  const { repo, events } = deps;
  return {
    async getMine(userId: number): Promise<MyProfile> {
      const row = await repo.findById(userId);
      if (!row) throw Errors.userNotFound(userId);
      return presentMyProfile(row);
    },

    /** Applies the given fields (an empty patch changes nothing); announces real changes. */
    async updateMine(userId: number, given: ProfilePatch): Promise<MyProfile> {
      if (typeof given.profileImageUrl === 'string' && !isHttpUrl(given.profileImageUrl)) {
        throw Errors.notHttpUrl('profileImageUrl');
      }
      const patch =
        given.nickname === undefined ? given : { ...given, nickname: normalizeName(given.nickname) };
      const result = await repo.transaction(async (tx) => {
        // Locked until commit: a concurrent edit cannot slip between this read and the update.
        const before = await tx.lockById(userId);
        if (!before) return null;
        const row = await tx.updateProfile(userId, patch);
        if (!row) return null;
        const changed =
          row.nickname !== before.nickname ||
          row.profile_image_url !== before.profile_image_url ||
          row.status_message !== before.status_message;
        if (changed) {
          await tx.recordEvent({
            type: 'UserProfileUpdated',
            userId,
            nickname: row.nickname,
            profileImageUrl: row.profile_image_url,
            statusMessage: row.status_message,
          });
        }
        return { row, changed };
      });
      if (!result) throw Errors.userNotFound(userId);
      if (result.changed) void events.kick();
      return presentMyProfile(result.row);
    },

    async getPublic(id: number): Promise<PublicProfile> {
      const row = await repo.findById(id);
      if (!row) throw Errors.userNotFound(id);
      return presentPublicProfile(row);
    },
  };
}

export type ProfileService = ReturnType<typeof createProfileService>;
