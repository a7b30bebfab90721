import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config, ServiceName } from './config/config.ts';
import type { Infrastructure } from './infra/infrastructure.ts';
import type { Metrics } from './observability/metrics.ts';
import type { ComponentHealth } from './ports/health.ts';

/** What the composition root hands every service factory. */
export interface ServiceContext<Clients = unknown> {
  readonly config: Config;
  readonly logger: Logger;
  readonly infra: Infrastructure;
  readonly metrics: Metrics;
  /** Typed clients of the other services (in-process or HTTP), chosen by the launcher. */
  readonly clients: Clients;
}

/** A deployable service: its schema, its routes, its background work. */
export interface ServiceModule {
  readonly name: ServiceName;
  /** Forward-only SQL migrations of the schema this service owns. */
  readonly migrations?: { readonly schema: string; readonly dir: string };
  /** In-process clients this service offers the others (e.g. `{ users: UsersClient }`). */
  readonly provides?: Readonly<Record<string, unknown>>;
  /** Registers HTTP routes (Fastify-specific code stays at this edge). */
  routes?(app: FastifyInstance): Promise<void> | void;
  /**
   * Registers service-to-service routes (`/internal/...`) on the internal listener, which the
   * composition root guards with INTERNAL_TOKEN; never mounted on the public port.
   */
  internalRoutes?(app: FastifyInstance): Promise<void> | void;
  /** WebSocket upgrades on a path (the chat service's /ws). */
  readonly upgrade?: {
    readonly path: string;
    handle(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  };
  /** Starts consumers and timers, after migrations and before the port opens. */
  start?(): Promise<void>;
  /** Stops accepting work and drains (consumers finish and commit, sockets close). */
  stop?(): Promise<void>;
  /** Extra health components (e.g. consumers). */
  health?(): Promise<Record<string, ComponentHealth>>;
}
