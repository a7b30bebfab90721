// The avatar routes (docs/services/social.md "Avatars") as typed calls over the app's HTTP
// client: what a user wears, the AVATAR items I own, and changing what I wear.
import type { OwnedMetaAssetPage, UserAvatar, WearAvatarBody } from '@chat/contracts';
import type { Api } from '../../../lib/http.ts';

export function avatarApi(api: Api) {
  return {
    avatar: (userId: number) => api.request<UserAvatar>('GET', `/api/social/users/${userId}/avatar`),
    /** My AVATAR items, latest acquired first. */
    items: (cursor?: number | null) =>
      api.request<OwnedMetaAssetPage>(
        'GET',
        `/api/social/me/assets?kind=AVATAR&size=100${cursor ? `&cursor=${cursor}` : ''}`,
      ),
    wear: (body: WearAvatarBody) => api.request<UserAvatar>('PUT', '/api/social/me/avatar', body),
  };
}

export type AvatarApi = ReturnType<typeof avatarApi>;
