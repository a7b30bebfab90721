import {
  BearerAuth,
  ChangePasswordBody,
  ClientErrors,
  SessionInfoList,
  SessionParams,
} from '@chat/contracts';

/** Route schemas of my password and my sessions (auth). Unknown body fields are removed. */

export const changePasswordSchema = {
  tags: ['auth'],
  summary:
    'Change my password (400 naming body.currentPassword when it is wrong); every other session of mine ends at once, this one keeps working',
  security: BearerAuth,
  body: ChangePasswordBody,
  response: ClientErrors,
};

export const listSessionsSchema = {
  tags: ['auth'],
  summary: 'My signed-in sessions, most recently used first (at most 100); `current` marks the one asking',
  security: BearerAuth,
  response: { 200: SessionInfoList, ...ClientErrors },
};

export const revokeSessionSchema = {
  tags: ['auth'],
  summary: "End one of my sessions at once (its tokens and open WebSockets); someone else's id is 404",
  security: BearerAuth,
  params: SessionParams,
  response: ClientErrors,
};
