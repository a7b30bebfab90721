import { BearerAuth, ErrorBody, PublicProfileList, UserSearchQuery } from '@chat/contracts';

export const searchSchema = {
  tags: ['users'],
  summary: 'People search by nickname prefix or whole email address (case-insensitive; % and _ are literal)',
  security: BearerAuth,
  querystring: UserSearchQuery,
  response: { 200: PublicProfileList, '4xx': ErrorBody },
};
