// Public surface of @chat/clients: HTTP implementations of the typed clients in @chat/contracts.

export {
  createHttpAuthCredentialsClient,
  createHttpAuthRevocationClient,
  type HttpAuthRevocationClientOptions,
} from './auth.http-client.ts';
export { callerHealth } from './caller-health.ts';
export {
  type BreakerOptions,
  type BreakerState,
  createHttpCaller,
  type HttpCaller,
  type HttpCallerOptions,
  type HttpRequest,
  type HttpResponse,
} from './http-caller.ts';
export {
  createHttpAuthUpkeepClient,
  createHttpChatStatsClient,
  createHttpChatUpkeepClient,
  createHttpStoreStatsClient,
  createHttpUsersStatsClient,
} from './stats.http-clients.ts';
export { createHttpUsersClient, type HttpUsersClientOptions } from './users.http-client.ts';
