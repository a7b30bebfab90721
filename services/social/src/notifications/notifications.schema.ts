import {
  BearerAuth,
  ClientErrors,
  IdParams,
  NotificationPage,
  SocialPageQuery,
  UnreadNotifications,
} from '@chat/contracts';

const tags = ['notifications'];
const user = { tags, security: BearerAuth };

export const listSchema = {
  ...user,
  querystring: SocialPageQuery,
  response: { 200: NotificationPage, ...ClientErrors },
};
export const unreadCountSchema = { ...user, response: { 200: UnreadNotifications, ...ClientErrors } };
export const readOneSchema = { ...user, params: IdParams, response: { ...ClientErrors } };
export const readAllSchema = { ...user, response: { ...ClientErrors } };
