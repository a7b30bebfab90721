// Public surface of @chat/platform: ports, adapters, configuration, HTTP edge, operations.

export { eventLoopBusy, eventLoopLoad } from './async/event-loop-load.ts';
export { withTimeout } from './async/with-timeout.ts';
export { GroupCommit, type GroupCommitOptions } from './batching/group-commit.ts';
export { type TokenBuckets, withLocalTokenFallback } from './cache/local-token-fallback.ts';
export { createMemoryCache } from './cache/memory.ts';
export { createRedisCache } from './cache/redis.ts';
export {
  BACKEND_SERVICES,
  type BucketLimit,
  type Config,
  ConfigError,
  ROUTE_GROUPS,
  type RouteGroup,
  type S3Config,
  SERVICE_NAMES,
  type ServiceName,
  type TrustProxy,
} from './config/config.ts';
export { loadConfig, serviceArg } from './config/load-config.ts';
export { AppError, type ErrorCode, Errors, type HttpErrorCode, isAppError } from './errors/app-error.ts';
export { isDependencyFailure } from './errors/dependency-failure.ts';
export { type HttpErrorBody, httpErrorBody } from './errors/http-error-body.ts';
export { type StompErrorPayload, stompErrorPayload } from './errors/stomp-error-payload.ts';
export { toAppError } from './errors/to-app-error.ts';
export {
  classifyFailure,
  type FailureKind,
  isPermanentError,
  isTransientError,
  PermanentError,
  TransientError,
} from './errors/transient.ts';
export { registerActuator, registerPrometheus } from './http/actuator.ts';
export { createHttpApp } from './http/app.ts';
export { forwardedChain, forwardedFor, type TrustFunction, trustFunction } from './http/client-address.ts';
export { writeErrorResponse } from './http/client-error.ts';
export { checkHealth, type HealthReport, publicHealth } from './http/health.ts';
export { createRateLimit, type RateLimitOptions } from './http/rate-limit.ts';
export { unstorableText } from './http/text-guard.ts';
export { createInfrastructure, type Infrastructure } from './infra/infrastructure.ts';
export { connectOrExplain, StartupError } from './infra/startup-error.ts';
export { exitOnSignals, Lifecycle } from './lifecycle/lifecycle.ts';
export {
  type ConsumerGroupEntry,
  type ConsumerRegistry,
  createConsumerRegistry,
} from './log/consumer-registry.ts';
export { createEmbeddedEventLog } from './log/embedded.ts';
export { createEventConsumer, type EventConsumer, type EventConsumerOptions } from './log/event-consumer.ts';
export { instrumentEventLog, lagOfRegisteredGroups } from './log/instrumented.ts';
export {
  createKeyedOutbox,
  type KeyedOutbox,
  type KeyedOutboxRow,
  type NewEvent,
} from './log/keyed-outbox.ts';
export { createNatsEventLog } from './log/nats.ts';
export { registerOutboxMetrics } from './log/outbox-metrics.ts';
export {
  createOutboxRelay,
  type OutboxRelay,
  type OutboxRelayOptions,
  type OutboxTable,
} from './log/outbox-relay.ts';
export { recordRequestId, withRecordRequestId } from './log/record-request-id.ts';
export { registerDatabaseMetrics } from './observability/db-metrics.ts';
export { createEventLogMetrics, type EventLogMetrics } from './observability/eventlog-metrics.ts';
export { createLogger, type Logger } from './observability/logger.ts';
export { createMetrics, type Metrics } from './observability/metrics.ts';
export { createPubSubMetrics, type PubSubMetrics } from './observability/pubsub-metrics.ts';
export {
  currentRequestId,
  REQUEST_ID_HEADER,
  REQUEST_ID_PATTERN,
  withoutRequestId,
  withRequestId,
} from './observability/request-context.ts';
export type { Cache, ScoredMember, SetOptions, TokenBucketResult } from './ports/cache.ts';
export type {
  AppendRecord,
  AppendResult,
  BatchHandler,
  ConsumeOptions,
  Consumer,
  DeadLetter,
  EventLog,
  LogRecord,
  PartitionLag,
  TopicInfo,
} from './ports/event-log.ts';
export { partitionFor } from './ports/event-log.ts';
export type { Component, ComponentHealth } from './ports/health.ts';
export type { ByteRange, ObjectRead, ObjectStore } from './ports/object-store.ts';
export type { PubSub, PubSubHandler, Unsubscribe } from './ports/pubsub.ts';
export type { PoolStats, QueryResult, SqlDatabase, SqlExecutor } from './ports/sql.ts';
export { instrumentPubSub } from './pubsub/instrumented.ts';
export { createMemoryPubSub } from './pubsub/memory.ts';
export { createRedisPubSub } from './pubsub/redis.ts';
export type { ServiceContext, ServiceModule } from './service.ts';
export { keysetPage } from './sql/keyset-page.ts';
export { runMigrations } from './sql/migrate.ts';
export { createPgliteDatabase } from './sql/pglite.ts';
export { createPostgresDatabase } from './sql/postgres.ts';
export { createFilesystemObjectStore } from './storage/filesystem.ts';
export { isObjectKey } from './storage/object-key.ts';
