// My profile form as plain data: what the fields start from, and the PATCH body holding only
// what the user changed (blank status message or image URL clears it: null).
import type { MyProfile } from '../../../lib/wire.ts';

export interface ProfileForm {
  nickname: string;
  statusMessage: string;
  profileImageUrl: string;
}
export type ProfileField = keyof ProfileForm;
export const PROFILE_FIELDS: readonly ProfileField[] = ['nickname', 'statusMessage', 'profileImageUrl'];

export interface ProfilePatch {
  nickname?: string;
  statusMessage?: string | null;
  profileImageUrl?: string | null;
}

export function formOf(p: Pick<MyProfile, 'nickname' | 'statusMessage' | 'profileImageUrl'>): ProfileForm {
  return {
    nickname: p.nickname,
    statusMessage: p.statusMessage ?? '',
    profileImageUrl: p.profileImageUrl ?? '',
  };
}

/** Only the changed fields; an unchanged form gives `{}`. The nickname is sent as typed (trimmed). */
export function profilePatch(before: ProfileForm, after: ProfileForm): ProfilePatch {
  const patch: ProfilePatch = {};
  const nickname = after.nickname.trim();
  if (nickname !== before.nickname.trim()) patch.nickname = nickname;
  const status = after.statusMessage.trim();
  if (status !== before.statusMessage.trim()) patch.statusMessage = status || null;
  const image = after.profileImageUrl.trim();
  if (image !== before.profileImageUrl.trim()) patch.profileImageUrl = image || null;
  return patch;
}

export const isEmptyPatch = (p: ProfilePatch) => Object.keys(p).length === 0;
