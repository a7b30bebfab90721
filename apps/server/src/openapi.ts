// `npm run docs:api`: OpenAPI documents generated from the route schemas, one per service,
// into docs/api/ (a running node serves the whole document at /docs/openapi.json). Boots every
// service on a throwaway embedded database, registers the routes behind @fastify/swagger, and
// writes what it collected; nothing listens.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHttpApp, createInfrastructure, createLogger, loadConfig } from '@chat/platform';
import { collectOpenApi, OPENAPI_VERSION } from './api-docs.ts';
import { mountRoutes } from './routes.ts';
import { buildModules } from './server.ts';

const SERVICES: Record<string, RegExp> = {
  auth: /^\/api\/auth\//,
  users: /^\/api\/users/,
  chat: /^\/api\/rooms/,
  batch: /^\/api\/batch\//,
  store: /^\/api\/store\//,
  social: /^\/api\/(social|notifications)(\/|$)/,
  admin: /^\/api\/admin\//,
  operations: /^\/actuator/,
};

/** `dataDir`: an embedded DATA_DIR to use (kept); by default a temporary one, removed after. */
export async function generateOpenApi(outDir: string, opts: { dataDir?: string } = {}): Promise<string[]> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'chat-openapi-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', JWT_SECRET: 'o'.repeat(40) });
  const logger = createLogger({ level: 'silent' });
  const infra = await createInfrastructure(config, logger);
  try {
    const { modules, metrics, auth } = await buildModules(config, logger, infra);
    const app = createHttpApp({ logger, metrics, bodyLimitBytes: config.http.bodyLimitBytes });
    await collectOpenApi(app);
    await mountRoutes(app, { config, infra, modules, metrics, guards: auth.guards, isReady: () => false });
    await app.ready();
    const spec = app.swagger() as { paths?: Record<string, unknown> } & Record<string, unknown>;
    mkdirSync(outDir, { recursive: true });
    const written: string[] = [];
    for (const [service, prefix] of Object.entries(SERVICES)) {
      const paths = Object.fromEntries(
        Object.entries(spec.paths ?? {}).filter(([path]) => prefix.test(path)),
      );
      const doc = { ...spec, info: { title: `chat-platform ${service}`, version: OPENAPI_VERSION }, paths };
      const file = join(outDir, `${service}.json`);
      writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
      written.push(file);
    }
    await app.close();
    return written;
  } finally {
    await infra.close();
    if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = fileURLToPath(new URL('../../../docs/api', import.meta.url));
  for (const file of await generateOpenApi(out)) process.stdout.write(`wrote ${file}\n`);
}
