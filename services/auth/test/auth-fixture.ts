import { fileURLToPath } from 'node:url';
import type { CreateUserInput, UserAccount, UsersClient } from '@chat/contracts';
import {
  type Cache,
  createLogger,
  createMemoryCache,
  Errors,
  runMigrations,
  type SqlDatabase,
} from '@chat/platform';
import { createTestPglite } from '@chat/platform/testing';
import { createRevocations, createTokenSigner, createTokenVerifier } from '@chat/security';
import { createCredentialRepository } from '../src/credentials/credential.repository.ts';
import { createPasswordHasher } from '../src/credentials/password-hasher.ts';
import { createSessionRepository } from '../src/sessions/session.repository.ts';
import { createSessionService } from '../src/sessions/session.service.ts';

export const SECRET = 'auth-unit-test-secret-0123456789-0123456789';

/** An in-memory users service: the strict fake behind auth's unit tests. */
export function createFakeUsers() {
  const byId = new Map<number, UserAccount>();
  let next = 1;
  const client: UsersClient = {
    async createUser(input: CreateUserInput) {
      if ([...byId.values()].some((u) => u.email.toLowerCase() === input.email.toLowerCase())) {
        throw Errors.conflict('Email is already registered');
      }
      const user: UserAccount = {
        id: next++,
        email: input.email,
        nickname: input.nickname,
        role: input.role ?? 'ROLE_USER',
        status: 'ACTIVE',
      };
      byId.set(user.id, user);
      return { ...user };
    },
    async findByEmail(email) {
      const user = [...byId.values()].find((u) => u.email.toLowerCase() === email.toLowerCase());
      return user ? { ...user } : null;
    },
    async getUser(id) {
      const user = byId.get(id);
      return user ? { ...user } : null;
    },
    async getPublicProfiles() {
      return [];
    },
    async setRole(id, role) {
      const user = byId.get(id);
      if (!user) throw Errors.notFound(`User ${id}`);
      user.role = role;
      return { ...user };
    },
    async removeUser(id) {
      byId.delete(id);
    },
    async markSeen() {},
  };
  return { client, byId };
}

export interface AuthFixture {
  db: SqlDatabase;
  cache: Cache;
  users: ReturnType<typeof createFakeUsers>;
  sessions: ReturnType<typeof createSessionService>;
  sessionRepo: ReturnType<typeof createSessionRepository>;
  credentials: ReturnType<typeof createCredentialRepository>;
  hasher: ReturnType<typeof createPasswordHasher>;
  verifier: ReturnType<typeof createTokenVerifier>;
  revocations: ReturnType<typeof createRevocations>;
  logger: ReturnType<typeof createLogger>;
  close(): Promise<void>;
}

/** PGlite in memory with auth's migrations, a memory cache, the fake users service. */
export async function createAuthFixture(): Promise<AuthFixture> {
  const db = await createTestPglite();
  await runMigrations(db, 'auth', fileURLToPath(new URL('../migrations', import.meta.url)));
  const cache = createMemoryCache();
  const users = createFakeUsers();
  const signer = createTokenSigner({ secret: SECRET, accessTtlSec: 900, refreshTtlSec: 3600 });
  const revocations = createRevocations({ cache, accessTtlSec: 900 });
  const sessionRepo = createSessionRepository(db);
  const sessions = createSessionService({ db, repo: sessionRepo, signer, revocations, users: users.client });
  return {
    db,
    cache,
    users,
    sessions,
    sessionRepo,
    credentials: createCredentialRepository(db),
    hasher: createPasswordHasher(),
    verifier: createTokenVerifier({ secret: SECRET, cache }),
    revocations,
    logger: createLogger({ level: 'silent' }),
    async close() {
      await cache.close();
      await db.close();
    },
  };
}
