import { type Static, Type } from '@sinclair/typebox';
import { Id } from './common.ts';
import { Email, Nickname, UserRole } from './users.ts';

/** Password bounds: code points by the schema; the 72-byte UTF-8 limit is checked by auth. */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 72;
export const PASSWORD_MAX_BYTES = 72;

export const Password = Type.String({ minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX });

/** `POST /api/auth/signup`. Unknown fields are removed before the handler sees the body. */
export const SignupBody = Type.Object(
  { email: Email, password: Password, nickname: Nickname },
  { additionalProperties: false },
);
export type SignupBody = Static<typeof SignupBody>;

/** `POST /api/auth/login`: looser password bounds (imported accounts may predate the policy). */
export const LoginBody = Type.Object(
  { email: Email, password: Type.String({ minLength: 1, maxLength: 256 }) },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

/** `POST /api/auth/refresh`. */
export const RefreshBody = Type.Object(
  { refreshToken: Type.String({ minLength: 1, maxLength: 4096 }) },
  { additionalProperties: false },
);
export type RefreshBody = Static<typeof RefreshBody>;

/** `POST /api/auth/logout`: the body is optional and ignored (the access token names the session). */
export const LogoutBody = Type.Object(
  { refreshToken: Type.Optional(Type.String({ maxLength: 4096 })) },
  { additionalProperties: false },
);

/** Signup (201), login and refresh (200). `refreshToken`, `tokenType`, `expiresIn`, `role` are (+). */
export const AuthResponse = Type.Object({
  token: Type.String(),
  refreshToken: Type.String(),
  tokenType: Type.Literal('Bearer'),
  /** Access token lifetime in seconds. */
  expiresIn: Type.Integer(),
  userId: Id,
  email: Type.String(),
  nickname: Type.String(),
  role: UserRole,
});
export type AuthResponse = Static<typeof AuthResponse>;
