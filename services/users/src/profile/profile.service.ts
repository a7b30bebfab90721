import type { MyProfile, PublicProfile } from '@chat/contracts';
import { UserErrors } from '../errors.ts';
import type { UserEventPublisher } from '../events/user-events.publisher.ts';
import { toMyProfile, toPublicProfile } from '../user/user.model.ts';
import type { ProfilePatch, UserRepository } from '../user/user.repository.ts';

/** Reading and editing profiles. */
export function createProfileService(deps: { repo: UserRepository; events: UserEventPublisher }) {
  const { repo, events } = deps;
  return {
    async getMine(userId: number): Promise<MyProfile> {
      const row = await repo.findById(userId);
      if (!row) throw UserErrors.notFound(userId);
      return toMyProfile(row);
    },

    /** Applies the given fields (an empty patch changes nothing); announces real changes. */
    async updateMine(userId: number, patch: ProfilePatch): Promise<MyProfile> {
      const before = await repo.findById(userId);
      if (!before) throw UserErrors.notFound(userId);
      const row = await repo.updateProfile(userId, patch);
      if (!row) throw UserErrors.notFound(userId);
      const changed =
        row.nickname !== before.nickname ||
        row.profile_image_url !== before.profile_image_url ||
        row.status_message !== before.status_message;
      if (changed) {
        await events.publish({
          type: 'UserProfileUpdated',
          userId,
          nickname: row.nickname,
          profileImageUrl: row.profile_image_url,
          statusMessage: row.status_message,
        });
      }
      return toMyProfile(row);
    },

    async getPublic(id: number): Promise<PublicProfile> {
      const row = await repo.findById(id);
      if (!row) throw UserErrors.notFound(id);
      return toPublicProfile(row);
    },
  };
}

export type ProfileService = ReturnType<typeof createProfileService>;
