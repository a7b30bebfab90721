import type { AuthProvides } from '@chat/auth';
import type { ChatProvides } from '@chat/chat';
import type { GatewayProvides } from '@chat/gateway';
import type { ServiceName } from '@chat/platform';
import type { SocialProvides } from '@chat/social';
import type { StoreProvides } from '@chat/store';
import type { UsersProvides } from '@chat/users';
import type { ServiceFactory } from './service-factory.ts';

/**
 * What each service's module provides the services built after it, keyed by service name, as
 * each factory declares it (`ServiceModule<UsersProvides>`). Type-only imports: nothing of a
 * service's code is loaded by naming its types.
 */
export interface ProvidedBy {
  readonly users: UsersProvides;
  readonly auth: AuthProvides;
  readonly chat: ChatProvides;
  readonly gateway: GatewayProvides;
  readonly batch: Record<never, never>;
  readonly store: StoreProvides;
  readonly social: SocialProvides;
}

/** The modules built so far in this process: a service not in it (or not built yet) is absent. */
export type Provided = { -readonly [N in ServiceName]?: ProvidedBy[N] };

/** Each service's loader, whose factory must provide what `ProvidedBy` says it does. */
export type ServiceRegistry = { readonly [N in ServiceName]: () => Promise<ServiceFactory<ProvidedBy[N]>> };

/**
 * Every deployable service, loaded lazily so that a process running one service does not load
 * the others' code. Order matters: a service's dependencies come before it.
 */
export const SERVICE_REGISTRY: ServiceRegistry = {
  // First: its hooks (request classification, rate limits) run before every other route.
  gateway: async () => (await import('@chat/gateway')).createGatewayService,
  users: async () => (await import('@chat/users')).createUsersService,
  auth: async () => (await import('@chat/auth')).createAuthService,
  chat: async () => (await import('@chat/chat')).createChatService,
  // Before batch: its daily-sales job reads the store's figures.
  store: async () => (await import('@chat/store')).createStoreService,
  batch: async () => (await import('@chat/batch')).createBatchService,
  social: async () => (await import('@chat/social')).createSocialService,
};

/** The services in build order (the registry's). */
export const BUILD_ORDER = Object.keys(SERVICE_REGISTRY) as ServiceName[];
