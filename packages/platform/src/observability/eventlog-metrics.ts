import { Counter, Gauge, type Registry } from 'prom-client';
import type { PartitionLag } from '../ports/event-log.ts';

/** Lag of every known (topic, group) pair, read when Prometheus scrapes. */
export type GroupLagSource = () => Promise<
  readonly { topic: string; group: string; partitions: readonly PartitionLag[] }[]
>;

/**
 * Event log metrics of every topic and consumer group of the process (the instrumented log
 * feeds the counters; the lag gauge asks the log at scrape time).
 */
export function createEventLogMetrics(registry: Registry, lagSource: GroupLagSource) {
  const registers = [registry];
  const group = ['topic', 'group'] as const;
  return {
    appended: new Counter({
      name: 'eventlog_appended_records_total',
      help: 'Records appended to the event log (duplicates dropped by id not counted; re-driven ones are)',
      labelNames: ['topic'] as const,
      registers,
    }),
    consumed: new Counter({
      name: 'eventlog_consumed_records_total',
      help: 'Records a consumer group handled successfully',
      labelNames: group,
      registers,
    }),
    retries: new Counter({
      name: 'eventlog_retries_total',
      help: 'Record deliveries retried after the handler failed',
      labelNames: group,
      registers,
    }),
    deadLetters: new Counter({
      name: 'eventlog_dead_letters_total',
      help: 'Records moved to the dead letters after their last attempt failed',
      labelNames: group,
      registers,
    }),
    progress: new Gauge({
      name: 'eventlog_partition_progress_timestamp_seconds',
      help: 'When this instance last moved a group past a record of the partition (or took the partition); with lag, an old value means the partition is stuck',
      labelNames: ['topic', 'group', 'partition'] as const,
      registers,
    }),
    lag: new Gauge({
      name: 'eventlog_consumer_lag',
      help: 'Records appended but not yet committed by a consumer group, per partition',
      labelNames: ['topic', 'group', 'partition'] as const,
      registers,
      async collect() {
        this.reset();
        for (const g of await lagSource().catch(() => [])) {
          for (const p of g.partitions) {
            this.set({ topic: g.topic, group: g.group, partition: String(p.partition) }, p.lag);
          }
        }
      },
    }),
  };
}

export type EventLogMetrics = ReturnType<typeof createEventLogMetrics>;
