import type { MyProfile, PublicProfile, UserAccount } from '@chat/contracts';
import type { UserRow } from './user.model.ts';

/** The owner's view: the only one carrying the email. */
export function presentMyProfile(row: UserRow): MyProfile {
  return {
    id: row.id,
    email: row.email,
    nickname: row.nickname,
    status: row.status,
    role: row.role,
    profileImageUrl: row.profile_image_url,
    statusMessage: row.status_message,
    createdAt: row.created_at.toISOString(),
    lastSeenAt: row.last_seen_at?.toISOString() ?? null,
  };
}

/** Everyone else's view: no email, no role. */
export function presentPublicProfile(
  row: Pick<UserRow, 'id' | 'nickname' | 'status' | 'profile_image_url' | 'status_message'>,
): PublicProfile {
  return {
    id: row.id,
    nickname: row.nickname,
    status: row.status,
    profileImageUrl: row.profile_image_url,
    statusMessage: row.status_message,
  };
}

/** What other services may know (typed clients). */
export function presentAccount(row: UserRow): UserAccount {
  return { id: row.id, email: row.email, nickname: row.nickname, role: row.role, status: row.status };
}
