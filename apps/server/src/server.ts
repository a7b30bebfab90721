import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  type Config,
  createHttpApp,
  createInfrastructure,
  createMetrics,
  Errors,
  type Infrastructure,
  Lifecycle,
  type Logger,
  type Metrics,
  registerPrometheus,
  runMigrations,
  type ServiceModule,
  writeErrorResponse,
} from '@chat/platform';
import { createServiceAuth, type ServiceAuth } from '@chat/security';
import Fastify, { type FastifyInstance } from 'fastify';
import { collectOpenApi, mountApiDocs } from './api-docs.ts';
import { createClients, revocationsClient } from './clients.ts';
import { buildInternalApp } from './internal-server.ts';
import { BUILD_ORDER, type Provided, type ProvidedBy, SERVICE_REGISTRY } from './registry.ts';
import { mountRoutes } from './routes.ts';
import { withJwtSecret, withVapidKeys } from './secrets.ts';
import type { LauncherContext } from './service-factory.ts';
import { answerPlainGets } from './upgrades.ts';
import { defaultWebDir, mountWebClient } from './web-client.ts';

export interface RunningServer {
  readonly app: FastifyInstance;
  readonly url: string;
  /** The internal listener (service-to-service routes), when this process opened one. */
  readonly internalUrl: string | undefined;
  readonly config: Config;
  readonly infra: Infrastructure;
  readonly modules: readonly ServiceModule[];
  readonly lifecycle: Lifecycle;
  stop(): Promise<void>;
}

export interface BuiltModules {
  /** In registry order. */
  readonly modules: readonly ServiceModule[];
  /** What the modules provide, keyed by service name (absent: not in this process). */
  readonly provided: Readonly<Provided>;
  /** The process's token verifier and guards, shared by every module and the admin routes. */
  readonly auth: ServiceAuth;
  readonly metrics: Metrics;
}

/**
 * Builds the service modules of this process (in registry order) without starting them. One
 * token verifier serves them all; when its cache cannot answer it asks auth's revocation state:
 * in-process when auth runs here (looked up at call time: auth is built after users), else over
 * HTTP at AUTH_URL, else it answers 503.
 */
export async function buildModules(
  config: Config,
  logger: Logger,
  infra: Infrastructure,
  metrics: Metrics = createMetrics(),
): Promise<BuiltModules> {
  const modules: ServiceModule[] = [];
  const provided: Provided = {};
  const auth = createServiceAuth({
    secret: config.auth.jwtSecret,
    cache: infra.cache,
    fallback: revocationsClient(config, provided).isTokenRevoked,
  });
  for (const name of BUILD_ORDER) {
    if (!config.services.includes(name)) continue;
    modules.push(
      await buildModule(name, provided, {
        config,
        logger: logger.child({ service: name }),
        infra,
        metrics,
        clients: createClients(config, provided),
        auth,
      }),
    );
  }
  return { modules, provided, auth, metrics };
}

/** Loads and builds one service, recording what it provides the services built after it. */
async function buildModule<N extends keyof ProvidedBy>(
  name: N,
  provided: Provided,
  ctx: LauncherContext,
): Promise<ServiceModule<ProvidedBy[N]>> {
  const factory = await SERVICE_REGISTRY[name]();
  const module = await factory(ctx);
  provided[name] = module.provides;
  return module;
}

/** Applies the migrations of every service module, in order. */
export async function migrate(infra: Infrastructure, modules: readonly ServiceModule[], logger: Logger) {
  for (const m of modules) {
    if (!m.migrations) continue;
    const applied = await runMigrations(infra.db, m.migrations.schema, m.migrations.dir);
    if (applied.length > 0) logger.info({ schema: m.migrations.schema, applied }, 'migrations applied');
  }
}

/**
 * `npm run migrate`: opens the configured database, applies every configured service's
 * migrations and closes it again.
 */
export async function migrateAll(config: Config, logger: Logger): Promise<void> {
  const infra = await createInfrastructure(config, logger);
  try {
    const { modules } = await buildModules(config, logger, infra);
    await migrate(infra, modules, logger);
  } finally {
    await infra.close();
  }
}

export interface StartOptions {
  /**
   * Infrastructure built by the caller and shared with other nodes of the same process (the
   * in-process multi-node test tier); the node uses it and leaves closing it to the caller.
   */
  readonly infra?: Infrastructure;
}

/**
 * Starts the configured services in this process: infrastructure, migrations, routes,
 * operations endpoints, background work, then the port. stop() drains in reverse order.
 */
export async function startServer(
  baseConfig: Config,
  logger: Logger,
  opts: StartOptions = {},
): Promise<RunningServer> {
  const config = withVapidKeys(withJwtSecret(baseConfig));
  const lifecycle = new Lifecycle();
  let ready = false;
  const metrics = createMetrics();
  const infra = opts.infra ?? (await createInfrastructure(config, logger, metrics));
  if (!opts.infra) lifecycle.onStop('infrastructure', () => infra.close());
  try {
    const { modules, auth } = await buildModules(config, logger, infra, metrics);
    await migrate(infra, modules, logger);

    const app = createHttpApp({
      logger,
      metrics,
      bodyLimitBytes: config.http.bodyLimitBytes,
      corsOrigins: config.corsOrigins,
      trustProxy: config.http.trustProxy,
      timeouts: {
        idleMs: config.http.idleTimeoutMs,
        headersMs: config.http.headersTimeoutMs,
        requestMs: config.http.requestTimeoutMs,
      },
    });
    await collectOpenApi(app);
    await mountRoutes(app, {
      config,
      infra,
      modules,
      metrics,
      guards: auth.guards,
      isReady: () => ready && !lifecycle.isStopping,
    });
    await mountApiDocs(app);
    mountWebClient(app, { dir: defaultWebDir(), logger });
    const upgrades = modules.flatMap((m) => (m.upgrade ? [m.upgrade] : []));
    answerPlainGets(
      app,
      upgrades.map((u) => u.path),
    );
    const admitters = modules.flatMap((m) => (m.admitUpgrade ? [m.admitUpgrade.bind(m)] : []));
    const admitted = async (req: IncomingMessage, socket: Duplex) => {
      for (const admit of admitters) if (!(await admit(req, socket))) return false;
      return true;
    };
    app.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const path = (req.url ?? '').split('?')[0] ?? '';
      const target = upgrades.find((u) => u.path === path || u.also?.(path));
      // Refused in words: a dropped socket tells a client nothing.
      if (!target) {
        writeErrorResponse(socket, Errors.unknownWebSocketPath(path), path);
        socket.destroy();
        return;
      }
      if (lifecycle.isStopping) {
        writeErrorResponse(socket, Errors.shuttingDown(), path, { 'retry-after': '1' });
        socket.destroy();
        return;
      }
      admitted(req, socket).then(
        (ok) => {
          if (ok && !socket.destroyed) target.handle(req, socket, head);
        },
        (err: unknown) => {
          logger.error({ err }, 'upgrade admission failed');
          socket.destroy();
        },
      );
    });

    const internalApp = await buildInternalApp({ config, logger, metrics, infra, modules });

    for (const m of modules) await m.start?.();
    // Registered last, so run first on shutdown: stop accepting and drain HTTP and services together.
    lifecycle.onStop('services', async () => {
      await Promise.all([app.close(), internalApp?.close(), ...modules.map((m) => m.stop?.())]);
    });

    if (config.metrics.enabled && config.metrics.port !== undefined) {
      const metricsApp = Fastify();
      registerPrometheus(metricsApp, metrics.registry);
      await metricsApp.listen({ host: config.http.host, port: config.metrics.port });
      lifecycle.onStop('metrics', () => metricsApp.close());
    }

    let internalUrl: string | undefined;
    if (internalApp) {
      const { host, port } = config.internalHttp;
      await internalApp.listen({ host, port });
      internalUrl = `http://${urlHost(host)}:${boundPort(internalApp, port)}`;
      logger.info({ internalUrl }, 'internal listener');
    }
    await app.listen({ host: config.http.host, port: config.http.port });
    const port = boundPort(app, config.http.port);
    ready = true;
    logger.info({ port, mode: infra.mode, services: config.services }, 'listening');
    return {
      app,
      url: `http://127.0.0.1:${port}`,
      internalUrl,
      config,
      infra,
      modules,
      lifecycle,
      stop: () => lifecycle.stop(logger),
    };
  } catch (err) {
    await lifecycle.stop(logger);
    throw err;
  }
}

function boundPort(app: FastifyInstance, configured: number): number {
  const address = app.server.address();
  return typeof address === 'object' && address ? address.port : configured;
}

/** A wildcard bind is reached on loopback; IPv6 literals need brackets in a URL. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
