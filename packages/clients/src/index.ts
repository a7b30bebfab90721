// Public surface of @chat/clients: HTTP implementations of the typed clients in @chat/contracts.
export {
  type BreakerOptions,
  createHttpCaller,
  type HttpCaller,
  type HttpCallerOptions,
  type HttpRequest,
  type HttpResponse,
} from './http-caller.ts';
export { createHttpUsersClient, type HttpUsersClientOptions } from './users.http-client.ts';
