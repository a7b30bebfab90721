import type { Consumer } from '../ports/event-log.ts';

/** A consumer group of a topic that this process has consumed since it started. */
export interface ConsumerGroupEntry {
  readonly topic: string;
  readonly group: string;
  /** Instances of the group running in this process right now. */
  readonly localInstances: number;
  /** Partitions those instances own right now, ascending. */
  readonly assignedPartitions: readonly number[];
}

/**
 * The (topic, group) pairs consumed in this process: filled by the instrumented event log when
 * a consumer starts, read by the lag metric and the admin API (which only accepts known pairs).
 * A pair stays known after its consumer stops, so its lag and dead letters remain visible.
 */
export interface ConsumerRegistry {
  /** Records a running instance; the returned function forgets the instance (not the pair). */
  register(topic: string, group: string, consumer?: Consumer): () => void;
  has(topic: string, group: string): boolean;
  /** Every known pair, sorted by topic then group. */
  list(): ConsumerGroupEntry[];
}

const keyOf = (topic: string, group: string) => `${topic}\u0000${group}`;

export function createConsumerRegistry(): ConsumerRegistry {
  const pairs = new Map<string, { topic: string; group: string; instances: Set<Consumer> }>();
  return {
    register(topic, group, consumer) {
      const key = keyOf(topic, group);
      let entry = pairs.get(key);
      if (!entry) {
        entry = { topic, group, instances: new Set() };
        pairs.set(key, entry);
      }
      const instances = entry.instances;
      if (consumer) instances.add(consumer);
      return () => {
        if (consumer) instances.delete(consumer);
      };
    },
    has: (topic, group) => pairs.has(keyOf(topic, group)),
    list() {
      return [...pairs.values()]
        .map((e) => ({
          topic: e.topic,
          group: e.group,
          localInstances: e.instances.size,
          assignedPartitions: [...e.instances].flatMap((c) => c.assignedPartitions()).sort((a, b) => a - b),
        }))
        .sort((a, b) => (a.topic === b.topic ? cmp(a.group, b.group) : cmp(a.topic, b.topic)));
    },
  };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
