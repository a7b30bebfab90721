import { type Static, Type } from '@sinclair/typebox';
import { Password } from './auth.ts';
import { Nullable } from './common.ts';
import { MyProfile } from './users.ts';

// Account self-service (issue 13): password change, sessions, deletion and data export.
// Auth owns the first two, users the profile part of the export and the deletion, chat the
// rooms-and-messages part of the export.

/** A password someone already has: the login bounds (imported accounts may predate the policy). */
const CurrentPassword = Type.String({ minLength: 1, maxLength: 256 });

/** `POST /api/auth/password`: the new password follows the signup policy. */
export const ChangePasswordBody = Type.Object(
  { currentPassword: CurrentPassword, newPassword: Password },
  { additionalProperties: false },
);
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;

/** One signed-in session of mine (`GET /api/auth/sessions`). */
export const SessionInfo = Type.Object({
  /** The session id (a UUID; the `sid` claim of its tokens). */
  id: Type.String({ format: 'uuid' }),
  /** The session of the token that asked. */
  current: Type.Boolean(),
  /** Browser and system from the User-Agent at login ("Chrome on Linux"), or null when unknown. */
  device: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  /** Login, or the latest refresh of its tokens. */
  lastUsedAt: Type.String({ format: 'date-time' }),
});
export type SessionInfo = Static<typeof SessionInfo>;

export const SessionInfoList = Type.Array(SessionInfo);

/** `DELETE /api/auth/sessions/{id}`. */
export const SessionParams = Type.Object({ id: Type.String({ format: 'uuid', maxLength: 36 }) });
export type SessionParams = Static<typeof SessionParams>;

/** `DELETE /api/users/me`: my password, confirming. */
export const DeleteAccountBody = Type.Object({ password: CurrentPassword }, { additionalProperties: false });
export type DeleteAccountBody = Static<typeof DeleteAccountBody>;

/** `GET /api/users/me/export`: the users service's part of my data. */
export const ProfileExport = Type.Object({
  exportedAt: Type.String({ format: 'date-time' }),
  profile: MyProfile,
});
export type ProfileExport = Static<typeof ProfileExport>;

/** A room I am a member of, as my export lists it. */
export const ExportedRoom = Type.Object({
  id: Type.Integer(),
  type: Type.String(),
  /** null for DIRECT rooms. */
  name: Nullable(Type.String()),
  /** My role in it: OWNER or MEMBER. */
  role: Type.String(),
  joinedAt: Type.String({ format: 'date-time' }),
  memberCount: Type.Integer(),
  closedAt: Nullable(Type.String({ format: 'date-time' })),
});
export type ExportedRoom = Static<typeof ExportedRoom>;

/** A message I sent (any room, also rooms I left), as my export lists it. */
export const ExportedMessage = Type.Object({
  id: Type.Integer(),
  roomId: Type.Integer(),
  seq: Type.Integer(),
  type: Type.String(),
  /** Empty once unsent (`deletedAt` set). */
  content: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  editedAt: Nullable(Type.String({ format: 'date-time' })),
  deletedAt: Nullable(Type.String({ format: 'date-time' })),
  replyToId: Nullable(Type.Integer()),
});
export type ExportedMessage = Static<typeof ExportedMessage>;

/** `GET /api/rooms/export`: the chat service's part of my data (streamed, messages by id). */
export const ChatExport = Type.Object({
  userId: Type.Integer(),
  exportedAt: Type.String({ format: 'date-time' }),
  rooms: Type.Array(ExportedRoom),
  messages: Type.Array(ExportedMessage),
});
export type ChatExport = Static<typeof ChatExport>;
