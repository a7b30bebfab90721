import { type Static, Type } from '@sinclair/typebox';
import { Id } from '../common.ts';
import type { PublicProfile } from '../users.ts';
import { Email, Nickname, UserRole, UserStatus } from '../users.ts';

/** What other services may know of a user account: identity, role and status. */
export const UserAccount = Type.Object({
  id: Id,
  email: Type.String(),
  nickname: Type.String(),
  role: UserRole,
  status: UserStatus,
});
export type UserAccount = Static<typeof UserAccount>;

export const CreateUserInput = Type.Object(
  { email: Email, nickname: Nickname, role: Type.Optional(UserRole) },
  { additionalProperties: false },
);
export type CreateUserInput = Static<typeof CreateUserInput>;

/**
 * The users service as other services see it. In-process when both run in one process, HTTP
 * (`@chat/clients`) otherwise. Failures are AppErrors: CONFLICT for a taken email,
 * SERVICE_UNAVAILABLE when the service cannot be reached.
 */
export interface UsersClient {
  /** Creates an account (role defaults to ROLE_USER); CONFLICT when the email is taken. */
  createUser(input: CreateUserInput): Promise<UserAccount>;
  /** Case-insensitive lookup. */
  findByEmail(email: string): Promise<UserAccount | null>;
  getUser(id: number): Promise<UserAccount | null>;
  /** Public profiles of the given ids that exist, in no particular order. */
  getPublicProfiles(ids: readonly number[]): Promise<PublicProfile[]>;
  setRole(id: number, role: UserRole): Promise<UserAccount>;
  /** Deletes the account (compensation of a failed signup); emits UserDeleted. Idempotent. */
  removeUser(id: number): Promise<void>;
  /** Records activity (login, refresh): lastSeenAt = now. */
  markSeen(id: number): Promise<void>;
}
