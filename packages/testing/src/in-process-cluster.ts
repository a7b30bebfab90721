import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInfrastructure, createLogger, type Infrastructure } from '@chat/platform';
import { startServer } from '@chat/server';
import { seedMigratedDataDir } from './migrated-template.ts';
import { type ApiTransport, type TestServer, testConfig, wrapServer } from './test-server.ts';

export interface InProcessClusterOptions {
  /** Nodes started up front (more with startNode). */
  nodes: number;
  /** Extra environment of every node (SERVICES, ADMIN_EMAIL, rate limits, ...). */
  env?: Readonly<Record<string, string>>;
  /** How each node's `api` reaches it (default real sockets). */
  transport?: ApiTransport;
}

export interface InProcessCluster {
  /** Every node started so far, in start order (stopped ones included). */
  readonly nodes: readonly TestServer[];
  /** The one database, cache, pub/sub and event log the nodes share. */
  readonly infra: Infrastructure;
  startNode(): Promise<TestServer>;
  /** Stops the nodes still running, then the shared infrastructure. */
  stop(): Promise<void>;
}

/**
 * Several chat nodes (the real launcher, each on its own port with its own STOMP endpoint and
 * consumers) in this process, sharing one embedded infrastructure: one PGlite database, one
 * memory cache, one in-process pub/sub, one embedded event log. The tier below the
 * multi-process tests: cross-node behaviour without spawning processes or real services. One
 * consumer registry too, so a node's admin consumer listing counts the instances of all nodes.
 */
export async function startInProcessCluster(opts: InProcessClusterOptions): Promise<InProcessCluster> {
  const dataDir = mkdtempSync(join(tmpdir(), 'chat-cluster-'));
  const config = testConfig(dataDir, opts.env);
  if (config.databaseUrl || config.redisUrl || config.natsUrl) {
    rmSync(dataDir, { recursive: true, force: true });
    throw new Error('startInProcessCluster shares embedded adapters; drop DATABASE_URL, REDIS_URL, NATS_URL');
  }
  const logger = createLogger({ level: config.log.level });
  let infra: Infrastructure;
  try {
    await seedMigratedDataDir(config.dataDir);
    infra = await createInfrastructure(config, logger);
  } catch (err) {
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  const nodes: TestServer[] = [];
  const stopped = new Set<TestServer>();
  async function startNode(): Promise<TestServer> {
    const server = await startServer(config, logger.child({ node: nodes.length + 1 }), { infra });
    const node = wrapServer(server, opts.transport, async () => {
      if (stopped.has(node)) return;
      stopped.add(node);
      await server.stop();
    });
    nodes.push(node);
    return node;
  }
  const cluster: InProcessCluster = {
    nodes,
    infra,
    startNode,
    async stop() {
      await Promise.all(nodes.map((n) => n.stop().catch(() => undefined)));
      await infra.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  try {
    for (let i = 0; i < opts.nodes; i++) await startNode();
  } catch (err) {
    await cluster.stop();
    throw err;
  }
  return cluster;
}
