import type { ServiceName } from '@chat/platform';
import type { ServiceFactory } from './service-factory.ts';

/**
 * Every deployable service, loaded lazily so that a process running one service does not load
 * the others' code. Order matters: a service's dependencies come before it.
 */
export const SERVICE_REGISTRY: Readonly<Partial<Record<ServiceName, () => Promise<ServiceFactory>>>> = {
  users: async () => (await import('@chat/users')).createUsersService,
  auth: async () => (await import('@chat/auth')).createAuthService,
  chat: async () => (await import('@chat/chat')).createChatService,
};
