import {
  BearerAuth,
  ClientErrors,
  IdParams,
  MyProfile,
  PublicProfile,
  UpdateMyProfileBody,
} from '@chat/contracts';

export const getMeSchema = {
  tags: ['users'],
  summary: 'My profile',
  security: BearerAuth,
  response: { 200: MyProfile, ...ClientErrors },
};

/** Unknown body fields are removed; null clears profileImageUrl / statusMessage. */
export const updateMeSchema = {
  tags: ['users'],
  summary: 'Edit my profile (nickname, profileImageUrl, statusMessage)',
  security: BearerAuth,
  body: UpdateMyProfileBody,
  response: { 200: MyProfile, ...ClientErrors },
};

export const getUserSchema = {
  tags: ['users'],
  summary: "Someone's public profile (no email)",
  security: BearerAuth,
  params: IdParams,
  response: { 200: PublicProfile, ...ClientErrors },
};
