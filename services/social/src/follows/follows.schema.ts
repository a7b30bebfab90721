import {
  BearerAuth,
  ClientErrors,
  FollowResult,
  SocialPageQuery,
  SocialProfile,
  SocialSettings,
  UpdateSocialSettingsBody,
  UserPage,
  UserParams,
} from '@chat/contracts';

const tags = ['social'];
const user = { tags, security: BearerAuth };

export const settingsSchema = { ...user, response: { 200: SocialSettings, ...ClientErrors } };
export const updateSettingsSchema = {
  ...user,
  body: UpdateSocialSettingsBody,
  response: { 200: SocialSettings, ...ClientErrors },
};
export const profileSchema = {
  ...user,
  params: UserParams,
  response: { 200: SocialProfile, ...ClientErrors },
};
export const followSchema = { ...user, params: UserParams, response: { 200: FollowResult, ...ClientErrors } };
export const noContentSchema = { ...user, params: UserParams, response: { ...ClientErrors } };
export const userListSchema = {
  ...user,
  params: UserParams,
  querystring: SocialPageQuery,
  response: { 200: UserPage, ...ClientErrors },
};
export const myListSchema = {
  ...user,
  querystring: SocialPageQuery,
  response: { 200: UserPage, ...ClientErrors },
};
