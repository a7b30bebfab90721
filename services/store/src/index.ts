import { fileURLToPath } from 'node:url';
import { REFUND_WINDOW_DAYS, type StoreStatsClient, type UsersClient } from '@chat/contracts';
import {
  createOutboxRelay,
  registerOutboxMetrics,
  type ServiceContext,
  type ServiceModule,
} from '@chat/platform';
import type { ServiceAuth } from '@chat/security';
import { registerAdminRoutes } from './api/admin.routes.ts';
import { registerStoreRoutes } from './api/store.routes.ts';
import { registerWebhookRoutes } from './api/webhook.routes.ts';
import { STORE_OUTBOX } from './events/outbox.ts';
import { createItemsRepository } from './items/items.repository.ts';
import { setUpPayments } from './payments/payment-setup.ts';
import { createSagaConsumers } from './saga/saga.consumer.ts';
import { registerStoreInternalRoutes } from './stats/internal.routes.ts';
import { createStoreStats } from './stats/sales.repository.ts';
import type { StoreDeps } from './store-deps.ts';

export { createSandboxProvider } from './payments/sandbox-provider.ts';

/** The other services the store calls: users (a gift's receiver must exist). */
export interface StoreClients {
  readonly users: UsersClient;
}

/** What the store module offers the services built after it (batch): its sales figures. */
export interface StoreProvides {
  readonly storeStats: StoreStatsClient;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The store service: the emoticon shop; owns schema `store`. */
export async function createStoreService(
  ctx: ServiceContext<StoreClients, ServiceAuth>,
): Promise<ServiceModule<StoreProvides>> {
  const { config, infra, logger } = ctx;
  const payments = setUpPayments(config, logger);
  const relay = createOutboxRelay({
    db: infra.db,
    log: infra.log,
    cache: infra.cache,
    logger,
    table: STORE_OUTBOX,
  });
  registerOutboxMetrics(ctx.metrics, relay, 'store', 'Store events');
  const deps: StoreDeps = {
    db: infra.db,
    items: createItemsRepository(infra.db),
    provider: payments.provider,
    users: ctx.clients.users,
    logger,
    kick: () => void relay.kick(),
    refundWindowMs: REFUND_WINDOW_DAYS * DAY_MS,
  };
  const saga = createSagaConsumers({ ...deps, log: infra.log });
  const storeStats = createStoreStats(infra.db);
  // Tests hold the saga back to stop a process between payment and fulfilment.
  const sagaPaused = process.env.STORE_SAGA_PAUSED === '1';
  return {
    name: 'store',
    migrations: { schema: 'store', dir: fileURLToPath(new URL('../migrations', import.meta.url)) },
    provides: { storeStats },
    internalRoutes(app) {
      registerStoreInternalRoutes(app, storeStats);
    },
    routes(app) {
      const routeDeps = {
        ...deps,
        guards: ctx.auth.guards,
        storage: infra.storage,
        publicUrl: config.store.publicUrl,
      };
      registerStoreRoutes(app, routeDeps);
      registerAdminRoutes(app, routeDeps);
      registerWebhookRoutes(app, deps);
      app.addHook('onListen', async () => {
        const address = app.server.address();
        if (address && typeof address === 'object') payments.listening(`http://127.0.0.1:${address.port}`);
      });
    },
    async start() {
      await payments.start();
      await relay.start();
      if (!sagaPaused) await saga.start();
    },
    async stop() {
      await saga.stop();
      await relay.stop();
      await payments.close();
    },
  };
}
