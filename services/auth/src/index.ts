import { fileURLToPath } from 'node:url';
import type { UsersClient } from '@chat/contracts';
import type { ServiceContext, ServiceModule } from '@chat/platform';
import { createAuthGuards, createRevocations, createTokenSigner, createTokenVerifier } from '@chat/security';
import { createAdminAccounts } from './admin/admin-accounts.ts';
import { registerAuthRoutes } from './auth.routes.ts';
import { createCredentialRepository } from './credentials/credential.repository.ts';
import { createPasswordHasher } from './credentials/password-hasher.ts';
import { createUserEventsConsumer } from './events/user-events.consumer.ts';
import { createLoginService } from './login/login.service.ts';
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
  const revocations = createRevocations({ cache, accessTtlSec: config.auth.accessTokenTtlSec });
  const guards = createAuthGuards(createTokenVerifier({ secret: config.auth.jwtSecret, cache }));
  const hasher = createPasswordHasher();
  const credentials = createCredentialRepository(db);
  const sessionRepo = createSessionRepository(db);
  const sessions = createSessionService({ db, repo: sessionRepo, signer, revocations, users });
  const throttle = createAuthThrottle(cache, config.auth.loginRatePerMin);
  const deps = { users, credentials, hasher, sessions, throttle, logger };
  const signup = createSignupService(deps);
  const login = createLoginService(deps);
  const admins = createAdminAccounts(deps);
  const consumer = createUserEventsConsumer({ log: infra.log, sessions, sessionRepo, credentials, logger });
  let purgeTimer: NodeJS.Timeout | undefined;

  return {
    name: 'auth',
    migrations: { schema: 'auth', dir: fileURLToPath(new URL('../migrations', import.meta.url)) },
    provides: { auth: admins },
    routes: (app) => registerAuthRoutes(app, { signup, login, sessions, guards }),
    async start() {
      await consumer.start();
      const { adminEmail, adminPassword } = config.auth;
      if (adminEmail && adminPassword) await admins.ensureFromConfig(adminEmail, adminPassword);
      purgeTimer = setInterval(() => {
        sessionRepo
          .purgeExpired(PURGE_GRACE_MS)
          .catch((err: unknown) => logger.warn({ err }, 'session purge failed'));
      }, PURGE_EVERY_MS);
      purgeTimer.unref();
    },
    async stop() {
      clearInterval(purgeTimer);
      await consumer.stop();
    },
  };
}
