import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config, ServiceName } from './config/config.ts';
import type { Infrastructure } from './infra/infrastructure.ts';
import type { Metrics } from './observability/metrics.ts';
import type { Component } from './ports/health.ts';

/**
 * What the composition root hands every service factory. `Clients` are the typed clients of
 * the other services a factory needs; `Auth` is the token verification the whole process
 * shares (`ServiceAuth` of @chat/security, which builds on this package, hence a parameter).
 */
export interface ServiceContext<Clients = unknown, Auth = unknown> {
  readonly config: Config;
  readonly logger: Logger;
  readonly infra: Infrastructure;
  readonly metrics: Metrics;
  /** Typed clients of the other services (in-process or HTTP), chosen by the launcher. */
  readonly clients: Clients;
  /** Built once per process by the composition root and shared by every service in it. */
  readonly auth: Auth;
}

/**
 * A deployable service: its schema, its routes, its background work, and `Provides`, the
 * in-process clients it offers the services built after it (e.g. `{ users: UsersClient }`).
 */
export interface ServiceModule<Provides extends object = Record<never, never>> {
  readonly name: ServiceName;
  /** Forward-only SQL migrations of the schema this service owns. */
  readonly migrations?: { readonly schema: string; readonly dir: string };
  /** In-process clients this service offers the others (`{}` when it offers none). */
  readonly provides: Provides;
  /** Registers HTTP routes (Fastify-specific code stays at this edge). */
  routes?(app: FastifyInstance): Promise<void> | void;
  /**
   * Registers service-to-service routes (`/internal/...`) on the internal listener, which the
   * composition root guards with INTERNAL_TOKEN; never mounted on the public port.
   */
  internalRoutes?(app: FastifyInstance): Promise<void> | void;
  /** WebSocket upgrades on a path (the chat service's /ws), and on the paths `also` takes (SockJS's). */
  readonly upgrade?: {
    readonly path: string;
    also?(path: string): boolean;
    handle(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  };
  /**
   * Asked before any WebSocket upgrade is handed to its service (the gateway's per-client
   * limits); false means it answered and closed the socket itself.
   */
  admitUpgrade?(req: IncomingMessage, socket: Duplex): Promise<boolean>;
  /** Starts consumers and timers, after migrations and before the port opens. */
  start?(): Promise<void>;
  /** Stops accepting work and drains (consumers finish and commit, sockets close). */
  stop?(): Promise<void>;
  /** Extra health components (e.g. the gateway's upstreams), reported by the actuator. */
  readonly components?: Readonly<Record<string, Component>>;
}
