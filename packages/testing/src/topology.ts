// The split deployment as separate processes on the real PostgreSQL, Redis and NATS: gateways in
// front, auth, users, chat nodes, a batch and a store node (and, when asked, a social node) behind them, each
// service on its own database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deleteRedisPrefix, testServiceUrls, uniqueName, withAdminClient } from '@chat/platform/testing';
import pg from 'pg';
import { TEST_ADMIN } from './backends.ts';
import { deleteNatsPrefix } from './real-backend.ts';
import { freePort, type SpawnedServer, spawnServer, stopServer, waitForHealth } from './spawn-server.ts';
import { TEST_JWT_SECRET } from './test-server.ts';

/** The service-to-service token of every topology (the internal listeners check it). */
export const TOPOLOGY_INTERNAL_TOKEN = 'topology-internal-token-0123456789abcdef';

/** The services that own a database; the chat nodes share one. */
export type DatabaseOwner = 'auth' | 'users' | 'chat' | 'batch' | 'store' | 'social';

/** DATABASE_URL of each service (social's only in a topology with a social node). */
export type Databases = Readonly<Record<Exclude<DatabaseOwner, 'social'>, string>> & {
  readonly social?: string;
};

export interface TopologyOptions {
  /** Gateway processes (default 2). */
  readonly gateways?: number;
  /** Chat processes (default 2), sharing chat's database. */
  readonly chats?: number;
  /** Extra environment of every process. */
  readonly env?: Readonly<Record<string, string>>;
  readonly gatewayEnv?: Readonly<Record<string, string>>;
  readonly authEnv?: Readonly<Record<string, string>>;
  readonly usersEnv?: Readonly<Record<string, string>>;
  readonly chatEnv?: Readonly<Record<string, string>>;
  readonly batchEnv?: Readonly<Record<string, string>>;
  readonly storeEnv?: Readonly<Record<string, string>>;
  /** A social node too (default none: the gateways then answer /api/social with 404). */
  readonly social?: boolean;
  readonly socialEnv?: Readonly<Record<string, string>>;
}

/** One process of the topology. Its ports stay the same across restarts, so peers find it again. */
export interface TopologyNode {
  /** `gateway-1`, `auth`, `users`, `chat-2`, ... */
  readonly name: string;
  /** The public listener (PORT). */
  readonly url: string;
  /** The internal listener of auth, users and chat (what the other services call). */
  readonly internalUrl: string | undefined;
  /** The environment it is started with. */
  readonly env: Readonly<Record<string, string>>;
  /** The current process; undefined before the first start. */
  readonly process: SpawnedServer | undefined;
  readonly running: boolean;
  /** Spawns the process on its ports and resolves once its health answers UP. */
  start(): Promise<void>;
  /** SIGTERM (SIGKILL if it hangs); resolves with the exit code. */
  stop(): Promise<number | string>;
  /** SIGKILL: the process dies without draining anything; resolves with the signal name. */
  kill(): Promise<number | string>;
}

export interface Topology {
  readonly gateways: readonly TopologyNode[];
  readonly auth: TopologyNode;
  readonly users: TopologyNode;
  readonly chats: readonly TopologyNode[];
  readonly batch: TopologyNode;
  readonly store: TopologyNode;
  /** With `social: true`. */
  readonly social: TopologyNode | undefined;
  /** Every process, gateways first. */
  readonly nodes: readonly TopologyNode[];
  /** DATABASE_URL of each service. */
  readonly databases: Databases;
  /** The schemas a service's database holds (what the processes using it created), sorted. */
  schemas(owner: DatabaseOwner): Promise<string[]>;
  /** Cache key prefix, pub/sub channel prefix and NATS stream prefix of the whole topology. */
  readonly namespace: string;
  /** Stops every process, drops the databases, the namespace's Redis keys and NATS streams. */
  close(): Promise<void>;
}

const OWNERS: readonly DatabaseOwner[] = ['auth', 'users', 'chat', 'batch', 'store', 'social'];

/**
 * Starts the split topology: users, then auth (it makes the administrator through users), while
 * the chat nodes and the gateways start alongside; resolves once every process is healthy.
 */
export async function startTopology(opts: TopologyOptions = {}): Promise<Topology> {
  const namespace = uniqueName('t');
  const owners = OWNERS.filter((o) => o !== 'social' || opts.social);
  const databases = await createDatabases(namespace, owners);
  const dataDir = mkdtempSync(join(tmpdir(), 'chat-topology-'));
  const shared: Record<string, string> = {
    REDIS_URL: testServiceUrls.redis,
    NATS_URL: testServiceUrls.nats,
    NAMESPACE: namespace,
    JWT_SECRET: TEST_JWT_SECRET,
    INTERNAL_TOKEN: TOPOLOGY_INTERNAL_TOKEN,
    ...opts.env,
  };
  // The services sit behind one proxy, the gateway (docs/operations.md).
  const behindGateway = { ...shared, TRUST_PROXY: '1' };
  const chatCount = opts.chats ?? 2;
  const gatewayCount = opts.gateways ?? 2;
  const ports = await freePorts(9 + 2 * chatCount + gatewayCount);
  const port = () => ports.pop()!;
  // Users asks auth to confirm passwords (account deletion), auth asks users for accounts:
  // auth's ports are chosen first so that each knows where the other listens.
  const [authPort, authInternalPort] = [port(), port()];
  const users = createNode(
    'users',
    {
      ...behindGateway,
      SERVICES: 'users',
      DATABASE_URL: databases.users,
      AUTH_URL: `http://127.0.0.1:${authInternalPort}`,
      ...opts.usersEnv,
    },
    port(),
    port(),
  );
  const auth = createNode(
    'auth',
    {
      ...behindGateway,
      SERVICES: 'auth',
      DATABASE_URL: databases.auth,
      USERS_URL: users.internalUrl!,
      ADMIN_EMAIL: TEST_ADMIN.email,
      ADMIN_PASSWORD: TEST_ADMIN.password,
      LOGIN_RATE_PER_MIN: '100000',
      ...opts.authEnv,
    },
    authPort,
    authInternalPort,
  );
  const chatEnv = {
    ...behindGateway,
    SERVICES: 'chat',
    DATABASE_URL: databases.chat,
    USERS_URL: users.internalUrl!,
    AUTH_URL: auth.internalUrl!,
    ...opts.chatEnv,
  };
  const chats = range(chatCount).map((i) => createNode(`chat-${i}`, chatEnv, port(), port()));
  // Batch reads chat's and users' figures and drives their upkeep (and auth's) on their
  // internal listeners (chat: the first node).
  // The store asks users whether a gift's receiver exists; batch reads its sales.
  const store = createNode(
    'store',
    {
      ...behindGateway,
      SERVICES: 'store',
      DATABASE_URL: databases.store,
      USERS_URL: users.internalUrl!,
      ...opts.storeEnv,
    },
    port(),
    port(),
  );
  // Social asks users who exists and for names and pictures.
  const social = opts.social
    ? createNode(
        'social',
        {
          ...behindGateway,
          SERVICES: 'social',
          DATABASE_URL: databases.social!,
          USERS_URL: users.internalUrl!,
          ...opts.socialEnv,
        },
        port(),
        port(),
      )
    : undefined;
  const batch = createNode(
    'batch',
    {
      ...behindGateway,
      SERVICES: 'batch',
      DATABASE_URL: databases.batch,
      CHAT_URL: chats[0]!.internalUrl!,
      STORE_URL: store.internalUrl!,
      USERS_URL: users.internalUrl!,
      AUTH_URL: auth.internalUrl!,
      ...opts.batchEnv,
    },
    port(),
  );
  const gatewayEnv = (i: number) => ({
    ...shared,
    SERVICES: 'gateway',
    // A gateway keeps no data: it never creates this folder.
    DATA_DIR: join(dataDir, `gateway-${i}`),
    AUTH_UPSTREAMS: auth.url,
    USERS_UPSTREAMS: users.url,
    CHAT_UPSTREAMS: chats.map((c) => c.url).join(','),
    BATCH_UPSTREAMS: batch.url,
    STORE_UPSTREAMS: store.url,
    ...(social ? { SOCIAL_UPSTREAMS: social.url } : {}),
    ...opts.gatewayEnv,
  });
  const gateways = range(gatewayCount).map((i) => createNode(`gateway-${i}`, gatewayEnv(i), port()));
  const nodes = [...gateways, auth, users, ...chats, batch, store, ...(social ? [social] : [])];

  const close = async () => {
    await Promise.all(nodes.map((n) => n.stop()));
    await withAdminClient(async (c) => {
      for (const owner of owners)
        await c.query(`drop database if exists "${dbName(namespace, owner)}" with (force)`);
    });
    await deleteRedisPrefix(`${namespace}:`);
    await deleteNatsPrefix(namespace);
    rmSync(dataDir, { recursive: true, force: true });
  };
  const started = await Promise.allSettled([
    users.start().then(() => auth.start()),
    ...chats.map((c) => c.start()),
    batch.start(),
    store.start(),
    ...(social ? [social.start()] : []),
    ...gateways.map((g) => g.start()),
  ]);
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    await close();
    throw failed.reason;
  }
  const schemas = (owner: DatabaseOwner) => {
    const url = databases[owner];
    if (!url) throw new Error(`no ${owner} database in this topology`);
    return schemasOf(url);
  };
  return { gateways, auth, users, chats, batch, store, social, nodes, databases, schemas, namespace, close };
}

function createNode(
  name: string,
  baseEnv: Readonly<Record<string, string>>,
  port: number,
  internalPort?: number,
): TopologyNode {
  const env = {
    ...baseEnv,
    PORT: String(port),
    ...(internalPort === undefined ? {} : { INTERNAL_PORT: String(internalPort) }),
  };
  let current: SpawnedServer | undefined;
  const alive = (p: SpawnedServer | undefined): p is SpawnedServer =>
    p !== undefined && p.child.exitCode === null && p.child.signalCode === null;
  return {
    name,
    url: `http://127.0.0.1:${port}`,
    internalUrl: internalPort === undefined ? undefined : `http://127.0.0.1:${internalPort}`,
    env,
    get process() {
      return current;
    },
    get running() {
      return alive(current);
    },
    async start() {
      if (alive(current)) throw new Error(`${name} is already running`);
      const spawned = spawnServer(env);
      current = spawned;
      try {
        await waitForHealth(spawned);
      } catch (err) {
        spawned.child.kill('SIGKILL');
        await spawned.exited;
        throw new Error(`${name}: ${err instanceof Error ? err.message : String(err)}`);
      }
    },
    async stop() {
      if (!current) return 'never started';
      return stopServer(current);
    },
    async kill() {
      if (!current) return 'never started';
      if (alive(current)) current.child.kill('SIGKILL');
      return current.exited;
    },
  };
}

const dbName = (namespace: string, owner: DatabaseOwner) => `${namespace}_${owner}`;

async function createDatabases(namespace: string, owners: readonly DatabaseOwner[]): Promise<Databases> {
  const urls: Partial<Record<DatabaseOwner, string>> = {};
  await withAdminClient(async (c) => {
    for (const owner of owners) {
      await c.query(`create database "${dbName(namespace, owner)}"`);
      const url = new URL(testServiceUrls.postgres);
      url.pathname = `/${dbName(namespace, owner)}`;
      urls[owner] = url.toString();
    }
  });
  return urls as Databases;
}

async function schemasOf(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `select schema_name as name from information_schema.schemata
        where schema_name <> 'information_schema' and schema_name not like 'pg\\_%'
        order by 1`,
    );
    return rows.map((r) => r.name);
  } finally {
    await client.end();
  }
}

/** Distinct free ports (asked one after another, so the same port is not handed out twice). */
async function freePorts(n: number): Promise<number[]> {
  const ports: number[] = [];
  while (ports.length < n) {
    const port = await freePort();
    if (!ports.includes(port)) ports.push(port);
  }
  return ports;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
