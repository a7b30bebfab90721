import { BearerAuth, ClientErrors, DeleteAccountBody, ProfileExport } from '@chat/contracts';

export const deleteMeSchema = {
  tags: ['users'],
  summary:
    "Delete my account, confirmed with my password (400 naming body.password when wrong); my tokens stop at once, the email is free again, my messages stay as a deleted user's",
  security: BearerAuth,
  body: DeleteAccountBody,
  response: ClientErrors,
};

export const exportMeSchema = {
  tags: ['users'],
  summary:
    "My profile's part of my data export, as a JSON attachment (rooms and messages: GET /api/rooms/export); EXPORT_RATE_PER_HOUR",
  security: BearerAuth,
  response: { 200: ProfileExport, ...ClientErrors },
};
