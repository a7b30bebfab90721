import {
  callerHealth,
  createHttpAuthCredentialsClient,
  createHttpAuthRevocationClient,
  createHttpAuthUpkeepClient,
  createHttpCaller,
  createHttpChatStatsClient,
  createHttpChatUpkeepClient,
  createHttpStoreStatsClient,
  createHttpUsersClient,
  createHttpUsersStatsClient,
  type HttpCaller,
} from '@chat/clients';
import {
  type AuthCredentialsClient,
  type AuthRevocationClient,
  type AuthUpkeepClient,
  type ChatStatsClient,
  type ChatUpkeepClient,
  INTERNAL_TOKEN_HEADER,
  type StoreStatsClient,
  type UsersClient,
  type UsersStatsClient,
} from '@chat/contracts';
import { type Component, type Config, Errors, StartupError } from '@chat/platform';
import type { Provided } from './registry.ts';

/** Typed clients of the services, each in-process when this process runs it, else over HTTP. */
export interface ServiceClients {
  readonly users: UsersClient;
  /** Auth's password confirmations (users asks before deleting an account). */
  readonly credentials: AuthCredentialsClient;
  /** Chat's and users' figures (batch's statistics). */
  readonly chatStats: ChatStatsClient;
  readonly usersStats: UsersStatsClient;
  /** Chat's upkeep (batch's unread reconciliation, attachment clean-up). */
  readonly chatUpkeep: ChatUpkeepClient;
  /** Auth's purge of expired sessions (batch's retention). */
  readonly authUpkeep: AuthUpkeepClient;
  /** The store's sales figures (batch's daily sales). */
  readonly storeStats: StoreStatsClient;
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

/** An HTTP client of another service, with the caller (and its breaker) behind it. */
interface Remote<T> {
  readonly client: T;
  readonly caller: HttpCaller;
  readonly baseUrl: string;
}

/** The HTTP clients made for one Config: one per service, shared by every module. */
interface Remotes {
  users?: Remote<UsersClient> & { stats?: UsersStatsClient };
  chat?: Remote<ChatStatsClient> & { upkeep?: ChatUpkeepClient };
  /** Revocation checks, and password confirmations over the same caller (made when first asked). */
  auth?: Remote<AuthRevocationClient> & { credentials?: AuthCredentialsClient; upkeep?: AuthUpkeepClient };
  store?: Remote<StoreStatsClient>;
}

const remotes = new WeakMap<Config, Remotes>();

/** The services this process may call on their internal listeners. */
type RemoteService = keyof Config['serviceUrls'];

function remotesOf(config: Config): Remotes {
  let r = remotes.get(config);
  if (!r) {
    r = {};
    remotes.set(config, r);
  }
  return r;
}

/** The token every call to another service's internal listener carries (refused at startup without). */
function internalToken(config: Config, service: RemoteService): string {
  if (config.internalToken) return config.internalToken;
  throw new StartupError(
    `INTERNAL_TOKEN: required to call the ${service} service at ${service.toUpperCase()}_URL`,
  );
}

/** A caller of another service's internal listener: timeout, retries with jitter, breaker. */
function internalCaller(service: RemoteService, baseUrl: string, token: string): HttpCaller {
  return createHttpCaller({ name: service, baseUrl, headers: { [INTERNAL_TOKEN_HEADER]: token } });
}

/**
 * Health components of the other services this process calls over HTTP (`users`, `auth`, ...):
 * DEGRADED while their circuit is open, which keeps the process UP and ready.
 */
export function remoteComponents(config: Config): Record<string, Component> {
  const components: Record<string, Component> = {};
  for (const [name, remote] of Object.entries(remotes.get(config) ?? {})) {
    if (remote) components[name] = callerHealth(remote.caller, remote.baseUrl);
  }
  return components;
}

/**
 * Picks each client: the in-process one a service module `provides` when that service runs
 * here, else HTTP to Config.serviceUrls (which needs INTERNAL_TOKEN), else one that fails with
 * SERVICE_UNAVAILABLE. Called before each module is built, so a module sees the clients of the
 * modules built before it (registry order).
 */
export function createClients(config: Config, provided: Readonly<Provided>): ServiceClients {
  return {
    users: usersClient(config, provided),
    credentials: credentialsClient(config, provided),
    chatStats: chatStatsClient(config, provided),
    usersStats: usersStatsClient(config, provided),
    chatUpkeep: chatUpkeepClient(config, provided),
    authUpkeep: authUpkeepClient(config, provided),
    storeStats: storeStatsClient(config, provided),
  };
}

/**
 * Auth's purge: in-process, looked up at each call (as the credentials client), else HTTP to
 * AUTH_URL over auth's caller, else SERVICE_UNAVAILABLE (a retention run then fails, saying so).
 */
function authUpkeepClient(config: Config, provided: Readonly<Provided>): AuthUpkeepClient {
  return {
    async purgeExpired() {
      const local = provided.auth?.upkeep;
      if (local) return local.purgeExpired();
      const remote = remoteAuth(config);
      if (!remote) throw Errors.unavailable('auth service is not in this process and AUTH_URL is not set');
      remote.upkeep ??= createHttpAuthUpkeepClient(remote.caller);
      return remote.upkeep.purgeExpired();
    },
  };
}

/** Chat's upkeep: in-process, else over the chat stats client's caller (CHAT_URL). */
function chatUpkeepClient(config: Config, provided: Readonly<Provided>): ChatUpkeepClient {
  const inProcess = provided.chat?.upkeep;
  if (inProcess) return inProcess;
  if (config.services.includes('chat') || !config.serviceUrls.chat) {
    return missing<ChatUpkeepClient>('chat', 'CHAT_URL');
  }
  chatStatsClient(config, provided);
  const remote = remotesOf(config).chat!;
  remote.upkeep ??= createHttpChatUpkeepClient(remote.caller);
  return remote.upkeep;
}

/**
 * Chat's figures: in-process when chat runs here (built before batch), else HTTP to CHAT_URL,
 * else calls that fail with SERVICE_UNAVAILABLE (a statistics run then fails, saying so).
 */
function chatStatsClient(config: Config, provided: Readonly<Provided>): ChatStatsClient {
  const inProcess = provided.chat?.stats;
  if (inProcess) return inProcess;
  const baseUrl = config.serviceUrls.chat;
  if (config.services.includes('chat') || !baseUrl) return missing<ChatStatsClient>('chat', 'CHAT_URL');
  const r = remotesOf(config);
  if (!r.chat) {
    const caller = internalCaller('chat', baseUrl, internalToken(config, 'chat'));
    r.chat = { client: createHttpChatStatsClient(caller), caller, baseUrl };
  }
  return r.chat.client;
}

/**
 * The store's figures: in-process when the store runs here (built before batch), else HTTP to
 * STORE_URL, else calls that fail with SERVICE_UNAVAILABLE (a daily-sales run then fails, saying so).
 */
function storeStatsClient(config: Config, provided: Readonly<Provided>): StoreStatsClient {
  const inProcess = provided.store?.storeStats;
  if (inProcess) return inProcess;
  const baseUrl = config.serviceUrls.store;
  if (config.services.includes('store') || !baseUrl) return missing<StoreStatsClient>('store', 'STORE_URL');
  const r = remotesOf(config);
  if (!r.store) {
    const caller = internalCaller('store', baseUrl, internalToken(config, 'store'));
    r.store = { client: createHttpStoreStatsClient(caller), caller, baseUrl };
  }
  return r.store.client;
}

/** Users' figures: in-process, else over the users client's caller (USERS_URL). */
function usersStatsClient(config: Config, provided: Readonly<Provided>): UsersStatsClient {
  const inProcess = provided.users?.stats;
  if (inProcess) return inProcess;
  if (config.services.includes('users') || !config.serviceUrls.users) {
    return missing<UsersStatsClient>('users', 'USERS_URL');
  }
  usersClient(config, provided);
  const remote = remotesOf(config).users!;
  remote.stats ??= createHttpUsersStatsClient(remote.caller);
  return remote.stats;
}

function usersClient(config: Config, provided: Readonly<Provided>): UsersClient {
  const inProcess = provided.users?.users;
  if (inProcess) return inProcess;
  // Running users here too (it is being built right now): never call ourselves over HTTP.
  if (config.services.includes('users')) return missing<UsersClient>('users', 'USERS_URL');
  const baseUrl = config.serviceUrls.users;
  if (!baseUrl) return missing<UsersClient>('users', 'USERS_URL');
  const r = remotesOf(config);
  if (!r.users) {
    const token = internalToken(config, 'users');
    const caller = internalCaller('users', baseUrl, token);
    const client = createHttpUsersClient({ baseUrl, internalToken: token }, caller);
    r.users = { client, caller, baseUrl };
  }
  return r.users.client;
}

/**
 * Auth's revocation state, which the process's token verifier asks when the cache cannot answer
 * (down, or lost its data). With auth in this process: its in-process client, looked up at each
 * call (auth is built after users, and the verifier before every module). Without it: HTTP to
 * AUTH_URL (timeout, retries, breaker); with neither every call fails with SERVICE_UNAVAILABLE,
 * so a verifier whose cache cannot answer refuses with 503 rather than trusting it.
 */
export function revocationsClient(config: Config, provided: Readonly<Provided>): AuthRevocationClient {
  const remote = remoteAuth(config);
  if (remote) return remote.client;
  return {
    async isTokenRevoked(q) {
      const auth = provided.auth?.revocations;
      if (!auth) throw Errors.unavailable('auth service is not in this process and AUTH_URL is not set');
      return auth.isTokenRevoked(q);
    },
  };
}

/** The HTTP client of auth (AUTH_URL) when auth is not in this process and the URL is set. */
function remoteAuth(config: Config): NonNullable<Remotes['auth']> | undefined {
  const baseUrl = config.serviceUrls.auth;
  if (config.services.includes('auth') || !baseUrl) return undefined;
  const r = remotesOf(config);
  if (!r.auth) {
    const token = internalToken(config, 'auth');
    const caller = internalCaller('auth', baseUrl, token);
    const client = createHttpAuthRevocationClient({ baseUrl, internalToken: token }, caller);
    r.auth = { client, caller, baseUrl };
  }
  return r.auth;
}

/**
 * Auth's password confirmations: in-process, looked up at each call (auth is built after
 * users, which asks it), else HTTP to AUTH_URL over the same caller as revocation checks, else
 * SERVICE_UNAVAILABLE. Made lazily: a process that never confirms a password needs no AUTH_URL.
 */
function credentialsClient(config: Config, provided: Readonly<Provided>): AuthCredentialsClient {
  return {
    async confirmPassword(userId, password) {
      const local = provided.auth?.credentials;
      if (local) return local.confirmPassword(userId, password);
      const remote = remoteAuth(config);
      if (!remote) throw Errors.unavailable('auth service is not in this process and AUTH_URL is not set');
      remote.credentials ??= createHttpAuthCredentialsClient(
        { baseUrl: remote.baseUrl, internalToken: internalToken(config, 'auth') },
        remote.caller,
      );
      return remote.credentials.confirmPassword(userId, password);
    },
  };
}
