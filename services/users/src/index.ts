import { fileURLToPath } from 'node:url';
import type { AuthCredentialsClient, UsersClient, UsersStatsClient } from '@chat/contracts';
import {
  createRateLimit,
  registerOutboxMetrics,
  type ServiceContext,
  type ServiceModule,
  withLocalTokenFallback,
} from '@chat/platform';
import { createRevocations, principalOf, type ServiceAuth } from '@chat/security';
import type { FastifyRequest } from 'fastify';
import { registerAccountRoutes } from './account/account.routes.ts';
import { createAccountService } from './account/account.service.ts';
import { createAccountsService } from './accounts/accounts.service.ts';
import { registerInternalRoutes } from './accounts/internal.routes.ts';
import { registerAdminRoutes } from './admin/admin.routes.ts';
import { createAdminService } from './admin/admin.service.ts';
import { createOutboxRelay } from './events/outbox-relay.ts';
import { registerProfileRoutes } from './profile/profile.routes.ts';
import { createProfileService } from './profile/profile.service.ts';
import { createSearchRepository } from './search/search.repository.ts';
import { registerSearchRoutes } from './search/search.routes.ts';
import { createSearchService } from './search/search.service.ts';
import { createUsersStats, registerStatsInternalRoutes } from './stats/stats.ts';
import { createUserRepository } from './user/user.repository.ts';

/** What the users module offers the services built after it (auth, chat): its accounts. */
export interface UsersProvides {
  readonly users: UsersClient;
  /** Figures for the batch service's statistics. */
  readonly stats: UsersStatsClient;
}

/** The users service: profiles, status, roles, people search; owns schema `users`. */
export async function createUsersService(
  ctx: ServiceContext<{ credentials: AuthCredentialsClient }, ServiceAuth>,
): Promise<ServiceModule<UsersProvides>> {
  const { config, infra, logger } = ctx;
  const { guards } = ctx.auth;
  const repo = createUserRepository(infra.db);
  const events = createOutboxRelay({ db: infra.db, log: infra.log, cache: infra.cache, logger });
  registerOutboxMetrics(ctx.metrics, events, 'users', 'User events');
  const revocations = createRevocations({ cache: infra.cache, accessTtlSec: config.auth.accessTokenTtlSec });
  const accounts: UsersClient = createAccountsService({ repo, events, revocations });
  const profiles = createProfileService({ repo, events });
  const search = createSearchService(createSearchRepository(infra.db));
  const stats = createUsersStats(infra.db);
  const admin = createAdminService({ repo, events, revocations });
  const account = createAccountService({ repo, events, revocations, credentials: ctx.clients.credentials });
  const perUser = { keyOf: (req: FastifyRequest) => principalOf(req).userId };
  const { limits } = config;
  // Per-node buckets while the shared cache is down.
  const buckets = withLocalTokenFallback(infra.cache, (err) =>
    logger.debug({ err }, 'shared rate limits unreachable: per-node limits'),
  );
  const writeLimit = createRateLimit(buckets, {
    name: 'writes',
    perMin: limits.restWritesPerMin,
    ...perUser,
  });
  const exportLimit = createRateLimit(buckets, {
    name: 'export:profile',
    perMin: limits.exportsPerHour,
    periodMs: 3_600_000,
    ...perUser,
  });
  const searchLimit = createRateLimit(buckets, {
    name: 'search',
    perMin: limits.searchesPerMin,
    ...perUser,
  });

  return {
    name: 'users',
    migrations: { schema: 'users', dir: fileURLToPath(new URL('../migrations', import.meta.url)) },
    provides: { users: accounts, stats },
    routes(app) {
      registerProfileRoutes(app, { profiles, guards, writeLimit });
      registerSearchRoutes(app, { search, guards, limit: searchLimit });
      registerAdminRoutes(app, { admin, guards });
      registerAccountRoutes(app, { account, guards, exportLimit });
    },
    internalRoutes(app) {
      registerInternalRoutes(app, accounts);
      registerStatsInternalRoutes(app, stats);
    },
    async start() {
      await events.start();
    },
    async stop() {
      await events.stop();
    },
  };
}
