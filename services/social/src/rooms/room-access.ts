import type { SocialUser } from '@chat/contracts';
import { Errors } from '@chat/platform';
import { maySeeAccount } from '../follows/follows.repository.ts';
import type { SocialDeps } from '../social-deps.ts';
import { toSocialUser } from '../users/social-users.ts';

/**
 * The owner of the room `viewerId` asks to enter: 404 for an unknown user, 403 for a private
 * account's room to anyone but its approved followers (and its owner).
 */
export async function enterRoom(deps: SocialDeps, viewerId: number, ownerId: number): Promise<SocialUser> {
  const [profiles, rel] = await Promise.all([
    deps.users.getPublicProfiles([ownerId]),
    deps.follows.relation(viewerId, ownerId),
  ]);
  const owner = profiles.find((p) => p.id === ownerId);
  if (!owner) throw Errors.userNotFound(ownerId);
  if (!maySeeAccount(viewerId, ownerId, rel)) throw Errors.privateAccount(ownerId);
  return toSocialUser(owner);
}
