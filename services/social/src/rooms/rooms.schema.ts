import {
  BearerAuth,
  ClientErrors,
  GuestbookEntry,
  GuestbookEntryParams,
  GuestbookEntryPatch,
  GuestbookPage,
  MiniRoom,
  NewGuestbookEntryBody,
  PlaceDecorationsBody,
  RandomRoomQuery,
  RoomVisitorPage,
  SocialPageQuery,
  UpdateMiniRoomBody,
  UserParams,
} from '@chat/contracts';

const user = { tags: ['social'], security: BearerAuth };

export const myRoomSchema = {
  ...user,
  summary: 'My mini-homepage (made with its defaults on first use); my own views never count',
  response: { 200: MiniRoom, ...ClientErrors },
};
export const updateRoomSchema = {
  ...user,
  summary: 'Change my room’s title, theme, background (a colour or an owned decoration) or intro',
  body: UpdateMiniRoomBody,
  response: { 200: MiniRoom, ...ClientErrors },
};
export const decorationsSchema = {
  ...user,
  summary:
    'Replace my room’s decorations: owned DECORATION assets inside the 1000 x 600 canvas, each once, at most 30; all or nothing',
  body: PlaceDecorationsBody,
  response: { 200: MiniRoom, ...ClientErrors },
};
export const visitorsSchema = {
  ...user,
  summary: 'Who visited my room, newest first: one row per visitor and day (Asia/Seoul)',
  querystring: SocialPageQuery,
  response: { 200: RoomVisitorPage, ...ClientErrors },
};
export const roomSchema = {
  ...user,
  summary:
    'A user’s room; counts the visit (once per visitor and day, Asia/Seoul). 403 for a private account’s room unless I am an approved follower',
  params: UserParams,
  response: { 200: MiniRoom, ...ClientErrors },
};
export const randomSchema = {
  ...user,
  summary:
    'A random active room of a public account (not mine), entered as a visit; fof: among users followed by people I follow. 404 when there is none',
  querystring: RandomRoomQuery,
  response: { 200: MiniRoom, ...ClientErrors },
};
export const guestbookSchema = {
  ...user,
  summary: 'A room’s guestbook, newest first (hidden entries: for the owner and their author only)',
  params: UserParams,
  querystring: SocialPageQuery,
  response: { 200: GuestbookPage, ...ClientErrors },
};
export const writeEntrySchema = {
  ...user,
  summary: 'Write in a room’s guestbook (at most 300 characters; 5 entries a minute per author)',
  params: UserParams,
  body: NewGuestbookEntryBody,
  response: { 201: GuestbookEntry, ...ClientErrors },
};
export const hideEntrySchema = {
  ...user,
  summary: 'Hide an entry of my guestbook, or show it again (the room’s owner)',
  params: GuestbookEntryParams,
  body: GuestbookEntryPatch,
  response: { 200: GuestbookEntry, ...ClientErrors },
};
export const deleteEntrySchema = {
  ...user,
  summary: 'Delete a guestbook entry I wrote',
  params: GuestbookEntryParams,
  response: { ...ClientErrors },
};
