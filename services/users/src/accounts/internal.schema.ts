import {
  ByEmailQuery,
  ClientErrors,
  CreateUserInput,
  IdParams,
  ProfilesBody,
  PublicProfileList,
  SetRoleBody,
  UserAccount,
} from '@chat/contracts';

const hide = { hide: true, tags: ['internal'] };

export const createSchema = {
  ...hide,
  body: CreateUserInput,
  response: { 201: UserAccount, ...ClientErrors },
};
export const byEmailSchema = {
  ...hide,
  querystring: ByEmailQuery,
  response: { 200: UserAccount, ...ClientErrors },
};
export const byIdSchema = { ...hide, params: IdParams, response: { 200: UserAccount, ...ClientErrors } };
export const profilesSchema = {
  ...hide,
  body: ProfilesBody,
  response: { 200: PublicProfileList, ...ClientErrors },
};
export const setRoleSchema = {
  ...hide,
  params: IdParams,
  body: SetRoleBody,
  response: { 200: UserAccount, ...ClientErrors },
};
export const removeSchema = { ...hide, params: IdParams, response: ClientErrors };
export const seenSchema = { ...hide, params: IdParams, response: ClientErrors };
