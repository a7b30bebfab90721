import { after, before, describe } from 'node:test';
import { deleteRedisPrefix, skipUnless, uniqueName } from '@chat/platform/testing';
import type { Api } from './api.ts';
import { login } from './factories.ts';
import { createRealBackend, deleteNatsPrefix, type RealBackend } from './real-backend.ts';
import { type ApiTransport, startTestServer, type TestServer } from './test-server.ts';

export type BackendKind = 'embedded' | 'real';

/** The administrator every platform suite starts with (ADMIN_EMAIL / ADMIN_PASSWORD). */
export const TEST_ADMIN = { email: 'admin@example.com', password: 'admin-password-123' } as const;

/** One running platform of a suite, on one kind of backend. */
export interface Platform {
  readonly kind: BackendKind;
  readonly server: TestServer;
  readonly api: Api;
  /** Environment the server was started with (backend URLs, namespace, admin, extra env). */
  readonly env: Readonly<Record<string, string>>;
  readonly admin: { readonly userId: number; readonly token: string };
  /**
   * Another server next to the main one, stopped with the suite. Real backend: same database,
   * its own namespace (cache, NATS) unless `env` names one. Embedded: its own data folder.
   */
  start(env?: Readonly<Record<string, string>>): Promise<TestServer>;
}

export interface BackendSuiteOptions {
  /** Extra environment for the main server (SERVICES defaults to what the suite needs). */
  env?: Readonly<Record<string, string>>;
  /** Only these backends (default both). */
  kinds?: readonly BackendKind[];
  /** How `api` of every server reaches it: real sockets (default) or `app.inject`. */
  transport?: ApiTransport;
}

/**
 * Declares `body` once per backend: embedded adapters (PGlite in a temp folder, in-process
 * cache, pub/sub and log), and real PostgreSQL + Redis + NATS when reachable (skipped, and
 * listed by the test script, when not; REQUIRE_SERVICES=1 makes that a failure). Each real run
 * gets its own database and namespace, removed afterwards.
 */
export async function describeOnBackends(
  name: string,
  body: (platform: () => Platform) => void,
  opts: BackendSuiteOptions = {},
): Promise<void> {
  for (const kind of opts.kinds ?? (['embedded', 'real'] as const)) {
    const skip = kind === 'real' ? await skipUnless(`${name} [real]`, 'postgres', 'redis', 'nats') : false;
    describe(`${name} [${kind}]`, { skip }, () => {
      let platform: Platform | undefined;
      let backend: RealBackend | undefined;
      const servers: TestServer[] = [];
      const namespaces: string[] = [];

      before(async () => {
        backend = kind === 'real' ? await createRealBackend() : undefined;
        const env = {
          ADMIN_EMAIL: TEST_ADMIN.email,
          ADMIN_PASSWORD: TEST_ADMIN.password,
          ...opts.env,
          ...backend?.env,
        };
        const server = await startTestServer({ env, transport: opts.transport });
        servers.push(server);
        const admin = await login(server.api, TEST_ADMIN.email, TEST_ADMIN.password);
        platform = {
          kind,
          server,
          api: server.api,
          env,
          admin: { userId: admin.userId, token: admin.token },
          async start(extra = {}) {
            const namespace: Record<string, string> = {};
            if (kind === 'real' && !extra.NAMESPACE) {
              namespace.NAMESPACE = uniqueName('t');
              namespaces.push(namespace.NAMESPACE);
            }
            const another = await startTestServer({
              env: { ...env, ...namespace, ...extra },
              transport: opts.transport,
            });
            servers.push(another);
            return another;
          },
        };
      });

      after(async () => {
        for (const s of servers.reverse()) await s.stop().catch(() => undefined);
        await backend?.cleanup();
        for (const ns of namespaces) {
          await deleteRedisPrefix(`${ns}:`).catch(() => undefined);
          await deleteNatsPrefix(ns).catch(() => undefined);
        }
      });

      body(() => {
        if (!platform) throw new Error('platform not started');
        return platform;
      });
    });
  }
}
