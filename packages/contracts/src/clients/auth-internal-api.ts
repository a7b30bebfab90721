import { type Static, Type } from '@sinclair/typebox';
import { Id } from '../common.ts';

/**
 * The auth service's internal HTTP API (used by the HTTP AuthRevocationClient when a process
 * without auth verifies tokens). Served on the internal listener only, with INTERNAL_TOKEN.
 */
export const authInternalPaths = {
  /** POST: is this access token revoked? A read: safe to retry. */
  revocationCheck: '/internal/auth/revocations/check',
  /** POST: does this password match the user's? Spends the user's confirmation budget: not retried. */
  passwordCheck: '/internal/auth/credentials/check',
} as const;

/** An access token's claims that a revocation check needs (TokenRevocationQuery). */
export const RevocationCheckBody = Type.Object(
  {
    userId: Id,
    jti: Type.String({ minLength: 1, maxLength: 200 }),
    sid: Type.String({ minLength: 1, maxLength: 200 }),
    iat: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type RevocationCheckBody = Static<typeof RevocationCheckBody>;

export const RevocationCheckAnswer = Type.Object({ revoked: Type.Boolean() });
export type RevocationCheckAnswer = Static<typeof RevocationCheckAnswer>;

/** A password confirmation (AuthCredentialsClient.confirmPassword). */
export const PasswordCheckBody = Type.Object(
  { userId: Id, password: Type.String({ minLength: 1, maxLength: 256 }) },
  { additionalProperties: false },
);
export type PasswordCheckBody = Static<typeof PasswordCheckBody>;

export const PasswordCheckAnswer = Type.Object({
  verdict: Type.Union([Type.Literal('MATCH'), Type.Literal('MISMATCH'), Type.Literal('THROTTLED')]),
  /** THROTTLED: how long to wait. */
  retryAfterMs: Type.Optional(Type.Integer({ minimum: 0 })),
});
export type PasswordCheckAnswer = Static<typeof PasswordCheckAnswer>;
