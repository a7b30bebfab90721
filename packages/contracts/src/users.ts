import { type Static, Type } from '@sinclair/typebox';
import { DateTime, Id, Nullable, StringEnum } from './common.ts';
import { FREE_TEXT_LINE_PATTERN, NAME_PATTERN } from './text.ts';

export const USER_ROLES = ['ROLE_USER', 'ROLE_ADMIN'] as const;
export const USER_STATUSES = ['ACTIVE', 'INACTIVE', 'SUSPENDED'] as const;
export const UserRole = StringEnum(USER_ROLES);
export const UserStatus = StringEnum(USER_STATUSES);
export type UserRole = Static<typeof UserRole>;
export type UserStatus = Static<typeof UserStatus>;

/** Upper bounds, in Unicode code points (JSON Schema lengths count code points). */
export const NICKNAME_MAX = 30;
export const EMAIL_MAX = 254;

export const Email = Type.String({ format: 'email', minLength: 3, maxLength: EMAIL_MAX });
/** No controls, bidi overrides or invisible characters (text.ts); stored trimmed, in NFC. */
export const Nickname = Type.String({ minLength: 1, maxLength: NICKNAME_MAX, pattern: NAME_PATTERN });
export const ProfileImageUrl = Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2048 });
export const StatusMessage = Type.String({ maxLength: 100, pattern: FREE_TEXT_LINE_PATTERN });

/** `GET /api/users/me`, `PATCH /api/users/me`: the caller's own profile (the only one with an email). */
export const MyProfile = Type.Object({
  id: Id,
  email: Type.String(),
  nickname: Type.String(),
  status: UserStatus,
  role: UserRole,
  profileImageUrl: Nullable(Type.String()),
  statusMessage: Nullable(Type.String()),
  createdAt: DateTime,
  lastSeenAt: Nullable(DateTime),
});
export type MyProfile = Static<typeof MyProfile>;

/** Anyone's profile as others see it: never an email. */
export const PublicProfile = Type.Object({
  id: Id,
  nickname: Type.String(),
  status: UserStatus,
  profileImageUrl: Nullable(Type.String()),
  statusMessage: Nullable(Type.String()),
});
export type PublicProfile = Static<typeof PublicProfile>;

/** `PATCH /api/users/me`: each field optional; null clears the image or status message. */
export const UpdateMyProfileBody = Type.Object(
  {
    nickname: Type.Optional(Nickname),
    profileImageUrl: Type.Optional(Nullable(ProfileImageUrl)),
    statusMessage: Type.Optional(Nullable(StatusMessage)),
  },
  { additionalProperties: false },
);
export type UpdateMyProfileBody = Static<typeof UpdateMyProfileBody>;

/** `PATCH /api/users/{id}/status` (ROLE_ADMIN). */
export const SetUserStatusBody = Type.Object({ status: UserStatus }, { additionalProperties: false });
export type SetUserStatusBody = Static<typeof SetUserStatusBody>;

export const SEARCH_SIZE_DEFAULT = 20;
export const SEARCH_SIZE_MAX = 100;

/** `GET /api/users?query=&size=`: size above the maximum is clamped, not refused. */
export const UserSearchQuery = Type.Object({
  query: Type.String({ maxLength: 100, default: '' }),
  size: Type.Integer({ minimum: 1, maximum: 1_000_000, default: SEARCH_SIZE_DEFAULT }),
});
export type UserSearchQuery = Static<typeof UserSearchQuery>;

export const PublicProfileList = Type.Array(PublicProfile);
