import { BearerAuth, ErrorBody, IdParams, PublicProfile, SetUserStatusBody } from '@chat/contracts';

export const setStatusSchema = {
  tags: ['users', 'admin'],
  summary: 'Set a user status (ROLE_ADMIN); leaving ACTIVE ends their tokens at once',
  security: BearerAuth,
  params: IdParams,
  body: SetUserStatusBody,
  response: { 200: PublicProfile, '4xx': ErrorBody },
};

export const deleteUserSchema = {
  tags: ['users', 'admin'],
  summary: 'Delete a user (ROLE_ADMIN); their tokens stop working at once',
  security: BearerAuth,
  params: IdParams,
  response: { '4xx': ErrorBody },
};
