import { BearerAuth, ClientErrors, UserAvatar, UserParams, WearAvatarBody } from '@chat/contracts';

const user = { tags: ['social'], security: BearerAuth };

export const avatarSchema = {
  ...user,
  summary:
    'A user’s avatar: the items they wear, in drawing order. 403 for a private account’s unless I am an approved follower',
  params: UserParams,
  response: { 200: UserAvatar, ...ClientErrors },
};
export const wearSchema = {
  ...user,
  summary:
    'Replace what I wear: AVATAR assets I own, at most 8, one per category, in drawing order (an empty list takes everything off); all or nothing',
  body: WearAvatarBody,
  response: { 200: UserAvatar, ...ClientErrors },
};
