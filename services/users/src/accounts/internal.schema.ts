import {
  ByEmailQuery,
  CreateUserInput,
  ErrorBody,
  IdParams,
  ProfilesBody,
  PublicProfileList,
  SetRoleBody,
  UserAccount,
} from '@chat/contracts';

const hide = { hide: true, tags: ['internal'] };
const errors = { '4xx': ErrorBody };

export const createSchema = { ...hide, body: CreateUserInput, response: { 201: UserAccount, ...errors } };
export const byEmailSchema = {
  ...hide,
  querystring: ByEmailQuery,
  response: { 200: UserAccount, ...errors },
};
export const byIdSchema = { ...hide, params: IdParams, response: { 200: UserAccount, ...errors } };
export const profilesSchema = {
  ...hide,
  body: ProfilesBody,
  response: { 200: PublicProfileList, ...errors },
};
export const setRoleSchema = {
  ...hide,
  params: IdParams,
  body: SetRoleBody,
  response: { 200: UserAccount, ...errors },
};
export const removeSchema = { ...hide, params: IdParams, response: errors };
export const seenSchema = { ...hide, params: IdParams, response: errors };
