import { ErrorBody, IdParams, MyProfile, PublicProfile, UpdateMyProfileBody } from '@chat/contracts';

const security = [{ bearerAuth: [] }];
const errors = { '4xx': ErrorBody };

export const getMeSchema = {
  tags: ['users'],
  summary: 'My profile',
  security,
  response: { 200: MyProfile, ...errors },
};

/** Unknown body fields are removed; null clears profileImageUrl / statusMessage. */
export const updateMeSchema = {
  tags: ['users'],
  summary: 'Edit my profile (nickname, profileImageUrl, statusMessage)',
  security,
  body: UpdateMyProfileBody,
  response: { 200: MyProfile, ...errors },
};

export const getUserSchema = {
  tags: ['users'],
  summary: "Someone's public profile (no email)",
  security,
  params: IdParams,
  response: { 200: PublicProfile, ...errors },
};
