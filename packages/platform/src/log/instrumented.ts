import { withTimeout } from '../async/with-timeout.ts';
import type { EventLogMetrics } from '../observability/eventlog-metrics.ts';
import type { BatchHandler, EventLog, PartitionLag } from '../ports/event-log.ts';
import type { ConsumerRegistry } from './consumer-registry.ts';
import { stampRequestId, withBatchRequestId, withRecordRequestId } from './record-request-id.ts';

export interface InstrumentOptions {
  /** Every consumer started through the wrapper registers its (topic, group) here. */
  consumers: ConsumerRegistry;
  /** Counters fed by appends, handled batches, retries and dead letters (none when absent). */
  metrics?: EventLogMetrics;
}

/**
 * The event log as every service sees it: the adapter, plus the consumer registry and the
 * platform's metrics for every topic and group. The consumer's own onRetry / onDeadLetter
 * hooks still run, after the counters.
 */
export function instrumentEventLog(log: EventLog, opts: InstrumentOptions): EventLog {
  const { consumers, metrics } = opts;
  const touchTopic = (topic: string) => metrics?.appended.inc({ topic }, 0);
  return {
    adapter: log.adapter,
    async ensureTopic(topic, o) {
      const info = await log.ensureTopic(topic, o);
      touchTopic(topic);
      return info;
    },
    async append(topic, records) {
      const results = await log.append(topic, stampRequestId(records));
      metrics?.appended.inc({ topic }, results.filter((r) => !r.duplicate).length);
      return results;
    },
    async consume(topic, group, handler, o = {}) {
      const labels = { topic, group };
      if (metrics) {
        touchTopic(topic);
        for (const c of [metrics.consumed, metrics.retries, metrics.deadLetters]) c.inc(labels, 0);
      }
      // A batch, its retries and its dead letters run under the request id of their records.
      const counted: BatchHandler = async (records) => {
        await withBatchRequestId(records, () => handler(records));
        metrics?.consumed.inc(labels, records.length);
      };
      const consumer = await log.consume(topic, group, counted, {
        ...o,
        onRetry(records, error, attempt) {
          metrics?.retries.inc(labels, records.length);
          withBatchRequestId(records, () => o.onRetry?.(records, error, attempt));
        },
        onDeadLetter(record, error) {
          metrics?.deadLetters.inc(labels);
          withRecordRequestId(record, () => o.onDeadLetter?.(record, error));
        },
        onProgress(partition) {
          metrics?.progress.set({ ...labels, partition: String(partition) }, Date.now() / 1000);
          o.onProgress?.(partition);
        },
      });
      const forget = consumers.register(topic, group, consumer);
      return {
        assignedPartitions: () => consumer.assignedPartitions(),
        async stop() {
          try {
            await consumer.stop();
          } finally {
            forget();
          }
        },
      };
    },
    lag: (topic, group) => log.lag(topic, group),
    deadLetters: (topic, group, o) => log.deadLetters(topic, group, o),
    deadLetterGroups: () => log.deadLetterGroups(),
    async redrive(topic, group, ids) {
      const count = await log.redrive(topic, group, ids);
      metrics?.appended.inc({ topic }, count);
      return count;
    },
    health: () => log.health(),
    close: () => log.close(),
  };
}

/**
 * Lag of every registered group, for the scrape: each group's read is bounded by `timeoutMs`
 * and a group whose read fails is left out rather than failing the scrape.
 */
export async function lagOfRegisteredGroups(
  log: EventLog,
  consumers: ConsumerRegistry,
  timeoutMs = 2000,
): Promise<{ topic: string; group: string; partitions: PartitionLag[] }[]> {
  const reads = consumers.list().map(async ({ topic, group }) => {
    const partitions = await withTimeout(log.lag(topic, group), timeoutMs).catch(() => null);
    return partitions && { topic, group, partitions };
  });
  return (await Promise.all(reads)).filter((r) => r !== null);
}
