import { type Static, Type } from '@sinclair/typebox';
import { createChecker } from '../checker.ts';
import { Id, Nullable } from '../common.ts';
import { UserRole, UserStatus } from '../users.ts';

/** Log topic of user lifecycle events, keyed by userId (per-user order is kept). */
export const USERS_EVENTS_TOPIC = 'users.events';

const envelope = {
  /** Unique per event: consumers may see an event twice (at-least-once) and de-duplicate on it. */
  eventId: Type.String({ minLength: 1, maxLength: 100 }),
  /** Epoch millis when the change was committed. */
  occurredAt: Type.Integer({ minimum: 0 }),
  userId: Id,
};

export const UserCreated = Type.Object({
  type: Type.Literal('UserCreated'),
  ...envelope,
  email: Type.String(),
  nickname: Type.String(),
  role: UserRole,
  status: UserStatus,
});

export const UserStatusChanged = Type.Object({
  type: Type.Literal('UserStatusChanged'),
  ...envelope,
  oldStatus: UserStatus,
  newStatus: UserStatus,
});

/** (+) Nickname, image or status message changed: lets others refresh their copies. */
export const UserProfileUpdated = Type.Object({
  type: Type.Literal('UserProfileUpdated'),
  ...envelope,
  nickname: Type.String(),
  profileImageUrl: Nullable(Type.String()),
  statusMessage: Nullable(Type.String()),
});

export const UserDeleted = Type.Object({ type: Type.Literal('UserDeleted'), ...envelope });

export const UserEvent = Type.Union([UserCreated, UserStatusChanged, UserProfileUpdated, UserDeleted]);

export type UserCreated = Static<typeof UserCreated>;
export type UserStatusChanged = Static<typeof UserStatusChanged>;
export type UserProfileUpdated = Static<typeof UserProfileUpdated>;
export type UserDeleted = Static<typeof UserDeleted>;
export type UserEvent = Static<typeof UserEvent>;
export type UserEventType = UserEvent['type'];

const checkUserEvent = createChecker(UserEvent, 'user event');

export function encodeUserEvent(event: UserEvent): string {
  return JSON.stringify(event);
}

/** Parses and validates a log record's value; throws SchemaMismatchError (or SyntaxError). */
export function decodeUserEvent(value: Uint8Array | string): UserEvent {
  const text = typeof value === 'string' ? value : Buffer.from(value).toString('utf8');
  return checkUserEvent(JSON.parse(text));
}
