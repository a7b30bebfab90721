import { fileURLToPath } from 'node:url';
import { type AuthRevocationClient, SESSION_REVOKED_CHANNEL, type UsersClient } from '@chat/contracts';
import { type ServiceContext, type ServiceModule, withLocalTokenFallback } from '@chat/platform';
import {
  createAuthGuards,
  createDurableRevocations,
  createTokenSigner,
  createTokenVerifier,
} from '@chat/security';
import { createAdminAccounts } from './admin/admin-accounts.ts';
import { registerAuthRoutes } from './auth.routes.ts';
import { createCredentialRepository } from './credentials/credential.repository.ts';
import { createPasswordHasher } from './credentials/password-hasher.ts';
import { createUserEventsConsumer } from './events/user-events.consumer.ts';
import { createLoginService } from './login/login.service.ts';
import { createRevocationRepository } from './sessions/revocation.repository.ts';
import { createRevocationCache } from './sessions/revocation-cache.ts';
import { createSessionRepository } from './sessions/session.repository.ts';
import { createSessionService } from './sessions/session.service.ts';
import { createSignupService } from './signup/signup.service.ts';
import { createAuthThrottle } from './throttle/auth-throttle.ts';

/** Expired sessions and refresh tokens are deleted this long after expiry, checked hourly. */
const PURGE_GRACE_MS = 24 * 3600_000;
const PURGE_EVERY_MS = 3600_000;

/** The auth service: credentials, sessions and tokens; owns schema `auth`. Needs the users client. */
export async function createAuthService(ctx: ServiceContext<{ users: UsersClient }>): Promise<ServiceModule> {
  const { config, infra, logger } = ctx;
  const { users } = ctx.clients;
  const { db, cache } = infra;
  const signer = createTokenSigner({
    secret: config.auth.jwtSecret,
    accessTtlSec: config.auth.accessTokenTtlSec,
    refreshTtlSec: config.auth.refreshTokenTtlSec,
  });
  const revocationRepo = createRevocationRepository(db);
  // Revocations go to the database first (source of truth), then to the cache verifiers read.
  const revocations = createDurableRevocations({
    cache,
    store: revocationRepo,
    accessTtlSec: config.auth.accessTokenTtlSec,
    onCacheError: (err) => revocationCache.markDirty(err),
  });
  const revocationCache = createRevocationCache({ cache, revocations, logger });
  const revocationClient: AuthRevocationClient = {
    isTokenRevoked: (q) => {
      // Asked because some verifier found the cache unusable: rebuild it if it was lost.
      void revocationCache.kick();
      return revocations.isRevoked(q);
    },
  };
  const guards = createAuthGuards(
    createTokenVerifier({ secret: config.auth.jwtSecret, cache, fallback: revocationClient.isTokenRevoked }),
  );
  const hasher = createPasswordHasher();
  const credentials = createCredentialRepository(db);
  const sessionRepo = createSessionRepository(db);
  const sessions = createSessionService({
    db,
    repo: sessionRepo,
    signer,
    revocations,
    users,
    notify: (notice) => infra.pubsub.publish(SESSION_REVOKED_CHANNEL, JSON.stringify(notice)),
  });
  const throttle = createAuthThrottle(
    withLocalTokenFallback(cache, (err) =>
      logger.debug({ err }, 'shared login limits unreachable: per-node limits'),
    ),
    config.auth.loginRatePerMin,
  );
  const deps = { users, credentials, hasher, sessions, throttle, logger };
  const signup = createSignupService(deps);
  const login = createLoginService(deps);
  const admins = createAdminAccounts(deps);
  const consumer = createUserEventsConsumer({ log: infra.log, sessions, sessionRepo, credentials, logger });
  let purgeTimer: NodeJS.Timeout | undefined;

  return {
    name: 'auth',
    migrations: { schema: 'auth', dir: fileURLToPath(new URL('../migrations', import.meta.url)) },
    provides: { auth: admins, revocations: revocationClient },
    routes: (app) => registerAuthRoutes(app, { signup, login, sessions, guards }),
    async start() {
      await revocationCache.start();
      await consumer.start();
      const { adminEmail, adminPassword } = config.auth;
      if (adminEmail && adminPassword) await admins.ensureFromConfig(adminEmail, adminPassword);
      purgeTimer = setInterval(() => {
        Promise.all([sessionRepo.purgeExpired(PURGE_GRACE_MS), revocationRepo.purgeExpired()]).catch(
          (err: unknown) => logger.warn({ err }, 'session purge failed'),
        );
      }, PURGE_EVERY_MS);
      purgeTimer.unref();
    },
    async stop() {
      clearInterval(purgeTimer);
      await consumer.stop();
      await revocationCache.stop();
    },
  };
}
