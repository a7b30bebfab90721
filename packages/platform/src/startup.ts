// What a process entry point needs before it loads the server: configuration, its errors, the
// logger and signal handling. Kept apart from the package's index so a bad configuration is
// reported without loading the adapters (PGlite, pg, NATS, Redis, S3, Fastify).

export { ConfigError } from './config/config.ts';
export { loadConfig } from './config/load-config.ts';
export { StartupError } from './infra/startup-error.ts';
export { exitOnSignals } from './lifecycle/lifecycle.ts';
export { createLogger } from './observability/logger.ts';
