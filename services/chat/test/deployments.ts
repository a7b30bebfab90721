// The two ways a messenger-feature suite runs: the whole platform in one process (embedded
// adapters), and two chat nodes on the real PostgreSQL, Redis and NATS (isolated deployment,
// one JWT secret), with user A's calls on one node and B's on the other.
import { randomBytes } from 'node:crypto';
import { after, before } from 'node:test';
import { createPostgresDatabase, type SqlExecutor } from '@chat/platform';
import { skipUnless } from '@chat/platform/testing';
import { createRealBackend, type SpawnedServer, startHealthyServer, stopServer } from '@chat/testing';
import { startTestServer, type TestUser } from './harness.ts';
import { connectStomp, type TestStomp } from './stomp-client.ts';

/** Where the users of a test talk to: one process, or two chat nodes (A on one, B on the other). */
export interface Deployment {
  readonly urlA: string;
  readonly urlB: string;
  /** The deployment's database, to check what the API says against what is stored. */
  readonly db: SqlExecutor;
  stop(): Promise<void>;
}

async function embedded(env: Record<string, string>): Promise<Deployment> {
  const srv = await startTestServer(env);
  return { urlA: srv.url, urlB: srv.url, db: srv.server.infra.db, stop: () => srv.stop() };
}

async function twoNodes(extra: Record<string, string>): Promise<Deployment> {
  const backend = await createRealBackend();
  const env = {
    ...backend.env,
    CHAT_SEND_RATE_PER_SEC: '1000',
    CHAT_SEND_BURST: '1000',
    LOGIN_RATE_PER_MIN: '100000',
    JWT_SECRET: randomBytes(32).toString('hex'),
    LOG_PARTITIONS: '4',
    ...extra,
  };
  const nodes: SpawnedServer[] = [];
  try {
    nodes.push(await startHealthyServer(env), await startHealthyServer(env));
  } catch (err) {
    await Promise.all(nodes.map(stopServer));
    await backend.cleanup();
    throw err;
  }
  const db = await createPostgresDatabase({ url: backend.env.DATABASE_URL!, poolSize: 2 });
  return {
    urlA: nodes[0]!.url,
    urlB: nodes[1]!.url,
    db,
    async stop() {
      await db.close();
      await Promise.all(nodes.map(stopServer));
      await backend.cleanup();
    },
  };
}

/** Starts a deployment with extra server environment. */
export type StartDeployment = (env: Record<string, string>) => Promise<Deployment>;

/** The suite's variants: name, how to start one (with extra server environment), and why it is skipped. */
export async function deployments(
  what: string,
): Promise<(readonly [string, StartDeployment, false | string])[]> {
  const skip = await skipUnless(`${what} on two chat nodes`, 'postgres', 'redis', 'nats');
  return [
    ['embedded', embedded, false],
    ['two chat nodes on PostgreSQL, Redis, NATS', twoNodes, skip],
  ];
}

/**
 * The suite's deployment (call inside `describe`): started before its tests, stopped after
 * them, together with every STOMP connection opened through `stomp` or handed to `track`.
 * `d` reads the deployment started for the suite.
 */
export function useDeployment(start: StartDeployment, env: Record<string, string> = {}) {
  let started: Deployment | undefined;
  const conns: TestStomp[] = [];
  before(async () => {
    started = await start(env);
  });
  after(async () => {
    await Promise.all(conns.map((c) => c.close()));
    await started?.stop();
  });
  const current = (): Deployment => {
    if (!started) throw new Error('the deployment is not started (use it inside a test)');
    return started;
  };
  const d: Deployment = {
    get urlA() {
      return current().urlA;
    },
    get urlB() {
      return current().urlB;
    },
    get db() {
      return current().db;
    },
    stop: () => current().stop(),
  };
  return {
    d,
    /** Closes these connections after the suite. */
    track(...connections: TestStomp[]): void {
      conns.push(...connections);
    },
    /** A STOMP connection of `user` to `url`, closed after the suite. */
    async stomp(url: string, user: TestUser): Promise<TestStomp> {
      const c = await connectStomp(url, user.token);
      conns.push(c);
      return c;
    },
  };
}
