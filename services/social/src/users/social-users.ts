import type { PublicProfile, SocialUser, UsersClient } from '@chat/contracts';

/** A public profile as the social pages show a user. */
export function toSocialUser(p: PublicProfile): SocialUser {
  return { id: p.id, nickname: p.nickname, profileImageUrl: p.profileImageUrl };
}

/** The user of `id` among `profiles`, or a placeholder for an account that is gone. */
export function userOrPlaceholder(profiles: readonly PublicProfile[], id: number): SocialUser {
  const p = profiles.find((x) => x.id === id);
  return p ? toSocialUser(p) : { id, nickname: '(deleted)', profileImageUrl: null };
}

/** Looks up many users at once (one call), by id. */
export async function socialUsers(
  users: Pick<UsersClient, 'getPublicProfiles'>,
  ids: readonly number[],
): Promise<Map<number, SocialUser>> {
  const unique = [...new Set(ids)];
  const profiles = unique.length > 0 ? await users.getPublicProfiles(unique) : [];
  return new Map(unique.map((id) => [id, userOrPlaceholder(profiles, id)]));
}
