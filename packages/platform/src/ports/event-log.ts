import type { Component } from './health.ts';

/**
 * The event log port: a durable, partitioned, append-only log with consumer groups, in the
 * manner of Kafka. Kept narrow so that NATS JetStream, the embedded log and (one day) Kafka all
 * fit it.
 *
 * Semantics every adapter must honour (the contract suite checks them):
 * - A topic has a fixed number of partitions. `append` places a record by `key`
 *   (`partitionFor(key, partitions)`), so records with the same key keep their order.
 * - `append` resolves only once every record is durable; a record appended with an `id` seen
 *   within the de-duplication window is not stored twice (the result says `duplicate`).
 * - Each consumer group has its own position per partition. Within a partition a consumer gets
 *   records in offset order and the next batch only after the handler resolved for this one
 *   (and the position was committed).
 * - A handler that throws is retried with exponential backoff; records are then retried one at
 *   a time so that one poison record cannot hold back the good ones beside it. After
 *   `maxAttempts` a record goes to the group's dead letters with its error, partition and
 *   offset, and the partition moves on.
 * - A consumer that dies between handling and committing gets its uncommitted records again
 *   (at-least-once): handlers must be idempotent.
 * - At most one consumer instance of a group owns a partition at a time; instances of a group
 *   share the partitions between them and take over those of an instance that stopped or died.
 */
export interface EventLog extends Component {
  /** `none`: a process that keeps no data (the gateway alone); every call is refused. */
  readonly adapter: 'nats' | 'embedded' | 'none';
  /** Creates the topic when missing. Partition count is fixed at creation. */
  ensureTopic(topic: string, opts?: { partitions?: number }): Promise<TopicInfo>;
  /** Appends records; resolves once all are durable, results in input order. */
  append(topic: string, records: readonly AppendRecord[]): Promise<AppendResult[]>;
  /** Starts consuming in a group; resolves once the consumer is running. */
  consume(topic: string, group: string, handler: BatchHandler, opts?: ConsumeOptions): Promise<Consumer>;
  /** Records appended but not yet committed by the group, per partition. */
  lag(topic: string, group: string): Promise<PartitionLag[]>;
  /** Dead-lettered records of a group, oldest first. */
  deadLetters(topic: string, group: string, opts?: { limit?: number }): Promise<DeadLetter[]>;
  /** Every (topic, group) holding dead letters, with how many, whichever process consumes it. */
  deadLetterGroups(): Promise<DeadLetterGroup[]>;
  /**
   * Appends dead-lettered records again (with their original key) and removes them from the
   * dead letters. Without `ids`, all of them. Returns how many were re-driven.
   */
  redrive(topic: string, group: string, ids?: readonly string[]): Promise<number>;
}

export interface TopicInfo {
  topic: string;
  partitions: number;
}

export interface AppendRecord {
  /** Partitioning key; records of one key stay in order. */
  key: string;
  value: Uint8Array | string;
  /** De-duplication id: a second append with the same id (within the window) is dropped. */
  id?: string;
  headers?: Record<string, string>;
}

export interface AppendResult {
  partition: number;
  offset: number;
  duplicate: boolean;
}

export interface LogRecord {
  topic: string;
  partition: number;
  /** Position within the partition; increases with every record of that partition. */
  offset: number;
  key: string;
  value: Uint8Array;
  headers: Record<string, string>;
  /** 1 on first delivery to this group, more on retries. */
  attempt: number;
  /** Append time, epoch millis. */
  timestamp: number;
}

/** Handles records of one partition, in order. Throwing means none of them were handled. */
export type BatchHandler = (records: readonly LogRecord[]) => Promise<void>;

export interface ConsumeOptions {
  /** Most records handed to the handler at once (default 100). */
  batchSize?: number;
  /**
   * Attempts before a record is dead-lettered (default 5). Only failures of unknown kind
   * count: a transient one (dependency outage, see isTransientError) is retried without
   * limit, a permanent one (bad data) is dead-lettered after one attempt of the record alone.
   */
  maxAttempts?: number;
  /** Backoff before retry n is min(maxBackoffMs, initialBackoffMs * 2^(n-1)). Defaults 100 / 5000. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /**
   * Waiting for more records before a batch is handled, like Kafka's `linger.ms`: when a fetch
   * brings at least `minRecords` and fewer than `batchSize`, and `when()` (if given) says so,
   * the loop waits `ms` and takes what arrived meanwhile into the same batch. Larger batches
   * spread a handler's fixed cost per call, at the price of `ms` more latency: meant for when
   * the process is saturated (`when`), where that cost buys throughput. Default: no lingering.
   */
  linger?: { ms: number; minRecords: number; when?: () => boolean };
  /** Name of this instance within the group (default: `<host>-<pid>-<random>`). */
  instanceId?: string;
  /** Called after a record is dead-lettered (metrics, logs). */
  onDeadLetter?: (record: LogRecord, error: Error) => void;
  /** Called before each retry (metrics, logs). */
  onRetry?: (records: readonly LogRecord[], error: Error, attempt: number) => void;
  /**
   * Called when this instance starts consuming a partition and each time the group's position
   * in it moves (commit or dead letter): a partition with lag and no progress is stuck.
   */
  onProgress?: (partition: number) => void;
}

export interface Consumer {
  /** Partitions this instance owns right now. */
  assignedPartitions(): number[];
  /** Stops fetching, lets the in-flight batch finish and commit, releases partitions. */
  stop(): Promise<void>;
}

export interface PartitionLag {
  partition: number;
  /** Records after the group's committed position. */
  lag: number;
}

export interface DeadLetterGroup {
  topic: string;
  group: string;
  count: number;
}

export interface DeadLetter {
  id: string;
  topic: string;
  group: string;
  partition: number;
  offset: number;
  key: string;
  value: Uint8Array;
  headers: Record<string, string>;
  error: string;
  attempts: number;
  /** When it was dead-lettered, epoch millis. */
  deadAt: number;
}

/** FNV-1a 32-bit hash of the key, modulo the partition count: stable across nodes and runs. */
export function partitionFor(key: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % partitions;
}
