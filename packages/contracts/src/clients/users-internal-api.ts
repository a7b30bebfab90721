import { Type } from '@sinclair/typebox';
import { Id } from '../common.ts';
import { UserRole } from '../users.ts';

/** Header carrying Config.internalToken on service-to-service calls. */
export const INTERNAL_TOKEN_HEADER = 'x-internal-token';

/**
 * The users service's internal HTTP API (used by the HTTP UsersClient when services run in
 * separate processes). Served only when INTERNAL_TOKEN is configured, and only with it.
 */
export const usersInternalPaths = {
  create: '/internal/users',
  byEmail: '/internal/users/by-email',
  byId: (id: number) => `/internal/users/${id}`,
  profiles: '/internal/users/profiles',
  role: (id: number) => `/internal/users/${id}/role`,
  seen: (id: number) => `/internal/users/${id}/seen`,
} as const;

export const ByEmailQuery = Type.Object({ email: Type.String({ minLength: 1, maxLength: 320 }) });
export const ProfilesBody = Type.Object(
  { ids: Type.Array(Id, { maxItems: 1000 }) },
  { additionalProperties: false },
);
export const SetRoleBody = Type.Object({ role: UserRole }, { additionalProperties: false });
