import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Config, createLogger, loadConfig } from '@chat/platform';
import { type RunningServer, startServer } from '@chat/server';
import { type Api, createApi, injectTransport } from './api.ts';
import { seedMigratedDataDir } from './migrated-template.ts';
import { UNLIMITED_GATEWAY } from './unlimited-gateway.ts';

/** The secret every test server signs with (tests forge tokens with it, or with another one). */
export const TEST_JWT_SECRET = 'test-secret-0123456789-abcdefghijklmnopqrstuvwxyz';

export interface TestServerOptions {
  /** Extra environment (SERVICES, ADMIN_EMAIL, LOGIN_RATE_PER_MIN, DATABASE_URL, ...). */
  env?: Readonly<Record<string, string>>;
  /** Reuse a data folder (restart tests); by default a fresh temporary one, removed on stop. */
  dataDir?: string;
  /**
   * How `api` reaches the server: real sockets (fetch, the default) or Fastify's `app.inject`
   * (no socket round trip; for suites about request/response semantics, not the socket layer).
   */
  transport?: ApiTransport;
}

export type ApiTransport = 'fetch' | 'inject';

export interface TestServer {
  readonly url: string;
  /** The internal listener, when the server opened one (split services with INTERNAL_TOKEN). */
  readonly internalUrl: string | undefined;
  readonly server: RunningServer;
  readonly config: Config;
  readonly api: Api;
  stop(): Promise<void>;
}

/** The configuration of a test node: a free port, the test secret, quiet logs, then `env`. */
export function testConfig(dataDir: string, env: Readonly<Record<string, string>> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    INTERNAL_PORT: '0',
    DATA_DIR: dataDir,
    JWT_SECRET: TEST_JWT_SECRET,
    LOGIN_RATE_PER_MIN: '100000',
    ...UNLIMITED_GATEWAY,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...env,
  });
}

/** A running server as tests see it, with an Api over the chosen transport. */
export function wrapServer(
  server: RunningServer,
  transport: ApiTransport | undefined,
  stop: () => Promise<void>,
): TestServer {
  return {
    url: server.url,
    internalUrl: server.internalUrl,
    server,
    config: server.config,
    api: createApi(transport === 'inject' ? injectTransport(server.app, server.url) : server.url),
    stop,
  };
}

/**
 * The real launcher in-process on a free port: embedded adapters unless the environment names
 * real ones (see createRealBackend). Login throttling is effectively off unless the test sets it.
 */
export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const ownDir = opts.dataDir === undefined;
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'chat-test-'));
  const config = testConfig(dataDir, opts.env);
  const logger = createLogger({ level: config.log.level });
  let server: RunningServer;
  try {
    // A new embedded database starts from a copy of a migrated one (no initdb, no migrations per
    // test); a folder the test passes in gets what a user's would (a real initdb, or its data).
    if (ownDir && !config.databaseUrl) await seedMigratedDataDir(config.dataDir);
    server = await startServer(config, logger);
  } catch (err) {
    if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  return wrapServer(server, opts.transport, async () => {
    await server.stop();
    if (ownDir) rmSync(dataDir, { recursive: true, force: true });
  });
}
