import {
  type AuthAdminClient,
  createChecker,
  Email,
  Nickname,
  type UserAccount,
  type UsersClient,
} from '@chat/contracts';
import { Errors, isAppError, type Logger } from '@chat/platform';
import type { CredentialRepository } from '../credentials/credential.repository.ts';
import type { PasswordHasher } from '../credentials/password-hasher.ts';
import { checkPassword } from '../credentials/password-policy.ts';
import type { SessionService } from '../sessions/session.service.ts';

export interface AdminAccountsDeps {
  users: UsersClient;
  credentials: CredentialRepository;
  hasher: PasswordHasher;
  sessions: SessionService;
  logger: Logger;
  now?: () => number;
}

const checkEmail = createChecker(Email, 'email');
const checkNickname = createChecker(Nickname, 'nickname');
const DEFAULT_NICKNAME = 'Administrator';

function validate<T>(check: (v: unknown) => T, value: unknown, field: string): T {
  try {
    return check(value);
  } catch {
    throw Errors.badRequest(`${field} is not valid`);
  }
}

/** Administrators are made here (configuration at start, or the admin:create command), never by signup. */
export function createAdminAccounts(deps: AdminAccountsDeps): AuthAdminClient & {
  ensureFromConfig(email: string, password: string): Promise<void>;
} {
  const { users, credentials, hasher, sessions, logger } = deps;
  const now = deps.now ?? Date.now;

  /** Finds the account or creates it as ROLE_ADMIN; a concurrent creation (409) is read back. */
  async function findOrCreate(
    email: string,
    nickname: string,
  ): Promise<{ user: UserAccount; created: boolean }> {
    const existing = await users.findByEmail(email);
    if (existing) return { user: existing, created: false };
    try {
      return { user: await users.createUser({ email, nickname, role: 'ROLE_ADMIN' }), created: true };
    } catch (err) {
      const raced = isAppError(err) && err.code === 'CONFLICT' ? await users.findByEmail(email) : null;
      if (!raced) throw err;
      return { user: raced, created: false };
    }
  }

  return {
    async createAdmin(input) {
      validate(checkEmail, input.email, 'email');
      const nickname = validate(checkNickname, input.nickname ?? DEFAULT_NICKNAME, 'nickname');
      checkPassword(input.password, 'password');
      const hash = await hasher.hash(input.password);
      const { user, created } = await findOrCreate(input.email, nickname);
      if (user.role !== 'ROLE_ADMIN') await users.setRole(user.id, 'ROLE_ADMIN');
      await credentials.put(user.id, hash);
      // The password (and maybe the role) changed: sessions made with the old ones end.
      if (!created) await sessions.revokeUser(user.id, now(), 'admin-reset');
      return { userId: user.id, created };
    },

    /**
     * ADMIN_EMAIL/ADMIN_PASSWORD at start, idempotent: creates the administrator when missing and
     * leaves an existing one alone. An existing non-admin account with that email is NOT promoted
     * (whoever signed up with it first would become administrator); use admin:create for that.
     */
    async ensureFromConfig(email, password) {
      const existing = await users.findByEmail(email);
      if (existing && existing.role !== 'ROLE_ADMIN') {
        logger.warn({ userId: existing.id }, 'ADMIN_EMAIL belongs to a non-admin account; not promoting it');
        return;
      }
      if (existing && (await credentials.get(existing.id)) !== null) return;
      checkPassword(password, 'ADMIN_PASSWORD');
      const { user, created } = await findOrCreate(email, DEFAULT_NICKNAME);
      if (user.role !== 'ROLE_ADMIN') return;
      await credentials.put(user.id, await hasher.hash(password));
      logger.info({ userId: user.id, created }, 'administrator from configuration ready');
    },
  };
}
