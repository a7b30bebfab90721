import { type Static, Type } from '@sinclair/typebox';
import { createChecker } from '../checker.ts';
import { Id } from '../common.ts';

/**
 * Pub/sub channel (not the log: a notice is only useful now) on which auth announces that
 * access tokens stopped working, so that every chat node ends the matching STOMP sessions.
 */
export const SESSION_REVOKED_CHANNEL = 'auth.session-revoked';

/**
 * `sid` set: every token of that session (logout, refresh-token reuse). `sid` absent: every
 * token of the user issued up to `beforeMs` (suspension, deletion, password reset).
 */
export const SessionRevokedNotice = Type.Object({
  userId: Id,
  sid: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  beforeMs: Type.Optional(Type.Integer({ minimum: 0 })),
  reason: Type.String({ maxLength: 64 }),
});
export type SessionRevokedNotice = Static<typeof SessionRevokedNotice>;

const check = createChecker(SessionRevokedNotice, 'auth: session revoked notice');

/** Parses and validates a notice as received; throws SchemaMismatchError (or SyntaxError). */
export function decodeSessionRevoked(payload: string): SessionRevokedNotice {
  return check(JSON.parse(payload));
}
