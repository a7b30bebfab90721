import { fileURLToPath } from 'node:url';
import {
  type AuthAdminClient,
  type AuthCredentialsClient,
  type AuthRevocationClient,
  type AuthUpkeepClient,
  SESSION_REVOKED_CHANNEL,
  type UsersClient,
} from '@chat/contracts';
import { type ServiceContext, type ServiceModule, withLocalTokenFallback } from '@chat/platform';
import { createDurableRevocations, createTokenSigner, type ServiceAuth } from '@chat/security';
import { registerAccountRoutes } from './account/account.routes.ts';
import { createPasswordChangeService } from './account/password-change.service.ts';
import { createPasswordCheck } from './account/password-check.ts';
import { createAdminAccounts } from './admin/admin-accounts.ts';
import { AUTH_BODY_LIMIT_BYTES, registerAuthRoutes } from './auth.routes.ts';
import { createCredentialRepository } from './credentials/credential.repository.ts';
import { createPasswordHasher } from './credentials/password-hasher.ts';
import { createUserEventsConsumer } from './events/user-events.consumer.ts';
import { createLoginService } from './login/login.service.ts';
import { registerInternalRoutes } from './sessions/internal.routes.ts';
import { createRevocationRepository } from './sessions/revocation.repository.ts';
import { createRevocationCache } from './sessions/revocation-cache.ts';
import { createSessionRepository } from './sessions/session.repository.ts';
import { createSessionService } from './sessions/session.service.ts';
import { registerUpkeepRoutes } from './sessions/upkeep.routes.ts';
import { createSignupService } from './signup/signup.service.ts';
import { createAuthThrottle } from './throttle/auth-throttle.ts';

/** Expired sessions and refresh tokens are deleted this long after expiry, checked hourly. */
const PURGE_GRACE_MS = 24 * 3600_000;
const PURGE_EVERY_MS = 3600_000;

/** What the auth module offers: the admin accounts (admin:create) and its revocation state. */
export interface AuthProvides {
  readonly admin: AuthAdminClient;
  /**
   * The source of truth of revocations. The composition root's verifier asks it when the cache
   * cannot answer, for every service of the process (auth's own routes included).
   */
  readonly revocations: AuthRevocationClient;
  /** Password confirmations of signed-in users (users asks it before deleting an account). */
  readonly credentials: AuthCredentialsClient;
  /** The purge of expired sessions, refresh tokens and revocations (batch's retention job). */
  readonly upkeep: AuthUpkeepClient;
}

/** The auth service: credentials, sessions and tokens; owns schema `auth`. Needs the users client. */
export async function createAuthService(
  ctx: ServiceContext<{ users: UsersClient }, ServiceAuth>,
): Promise<ServiceModule<AuthProvides>> {
  const { config, infra, logger } = ctx;
  const { guards } = ctx.auth;
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
  const passwordCheck = createPasswordCheck({ credentials, hasher, throttle });
  const passwordChange = createPasswordChangeService({
    passwords: passwordCheck,
    credentials,
    hasher,
    sessions,
    logger,
  });
  const consumer = createUserEventsConsumer({ log: infra.log, sessions, sessionRepo, credentials, logger });
  let purgeTimer: NodeJS.Timeout | undefined;
  const upkeep: AuthUpkeepClient = {
    async purgeExpired() {
      const [removed, revocationsGone] = await Promise.all([
        sessionRepo.purgeExpired(PURGE_GRACE_MS),
        revocationRepo.purgeExpired(),
      ]);
      return { ...removed, revocations: revocationsGone };
    },
  };

  return {
    name: 'auth',
    migrations: { schema: 'auth', dir: fileURLToPath(new URL('../migrations', import.meta.url)) },
    provides: { admin: admins, revocations: revocationClient, credentials: passwordCheck.client, upkeep },
    routes: async (app) => {
      await registerAuthRoutes(app, { signup, login, sessions, guards });
      registerAccountRoutes(app, {
        passwords: passwordChange,
        sessions,
        guards,
        bodyLimit: AUTH_BODY_LIMIT_BYTES,
      });
    },
    internalRoutes: (app) => {
      registerInternalRoutes(app, revocationClient, passwordCheck.client);
      registerUpkeepRoutes(app, upkeep);
    },
    async start() {
      await revocationCache.start();
      await consumer.start();
      const { adminEmail, adminPassword } = config.auth;
      if (adminEmail && adminPassword) await admins.ensureFromConfig(adminEmail, adminPassword);
      purgeTimer = setInterval(() => {
        upkeep.purgeExpired().catch((err: unknown) => logger.warn({ err }, 'session purge failed'));
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
