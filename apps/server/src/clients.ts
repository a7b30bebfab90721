import { createHttpUsersClient } from '@chat/clients';
import type { AuthRevocationClient, UsersClient } from '@chat/contracts';
import { type Config, Errors, StartupError } from '@chat/platform';
import type { Provided } from './registry.ts';

/** Typed clients of the services, each in-process when this process runs it, else over HTTP. */
export interface ServiceClients {
  readonly users: UsersClient;
}

/** A client made only of async methods, the kind `missing` can stand in for. */
type AsyncClient<T> = { readonly [K in keyof T]: (...args: never[]) => Promise<unknown> };

/** A client whose every call fails: the service is neither in this process nor configured. */
function missing<T extends AsyncClient<T>>(service: string, variable: string): T {
  return new Proxy({} as T, {
    get: (_target, method) =>
      typeof method === 'string'
        ? async () => {
            throw Errors.unavailable(`${service} service is not in this process and ${variable} is not set`);
          }
        : undefined,
  });
}

const httpClients = new WeakMap<Config, UsersClient>();

/**
 * Picks each client: the in-process one a service module `provides` when that service runs
 * here, else HTTP to Config.serviceUrls (which needs INTERNAL_TOKEN), else one that fails with
 * SERVICE_UNAVAILABLE. Called before each module is built, so a module sees the clients of the
 * modules built before it (registry order).
 */
export function createClients(config: Config, provided: Readonly<Provided>): ServiceClients {
  return { users: usersClient(config, provided) };
}

function usersClient(config: Config, provided: Readonly<Provided>): UsersClient {
  const inProcess = provided.users?.users;
  if (inProcess) return inProcess;
  // Running users here too (it is being built right now): never call ourselves over HTTP.
  if (config.services.includes('users')) return missing<UsersClient>('users', 'USERS_URL');
  return remoteUsers(config);
}

/**
 * Auth's revocation state, which the process's token verifier asks when the cache cannot answer
 * (down, or lost its data). Looked up at each call: auth is built after users, and the verifier
 * before every module. In a process without auth every call fails with SERVICE_UNAVAILABLE (no
 * HTTP client yet), so a verifier whose cache cannot answer refuses with 503 rather than
 * trusting it.
 */
export function revocationsClient(provided: Readonly<Provided>): AuthRevocationClient {
  return {
    async isTokenRevoked(q) {
      const auth = provided.auth?.revocations;
      if (!auth)
        throw Errors.unavailable('auth service is not in this process: revocation state unavailable');
      return auth.isTokenRevoked(q);
    },
  };
}

function remoteUsers(config: Config): UsersClient {
  const baseUrl = config.serviceUrls.users;
  if (!baseUrl) return missing<UsersClient>('users', 'USERS_URL');
  if (!config.internalToken)
    throw new StartupError('INTERNAL_TOKEN: required to call the users service at USERS_URL');
  let client = httpClients.get(config);
  if (!client) {
    client = createHttpUsersClient({ baseUrl, internalToken: config.internalToken });
    httpClients.set(config, client);
  }
  return client;
}
