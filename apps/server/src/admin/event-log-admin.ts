import { AppError, type ConsumerRegistry, type EventLog } from '@chat/platform';
import { DEFAULT_DEAD_LETTERS, MAX_DEAD_LETTERS } from './admin.schema.ts';
import { presentDeadLetter } from './dead-letter.presenter.ts';

export interface EventLogAdminDeps {
  log: EventLog;
  consumers: ConsumerRegistry;
}

type Pair = { topic: string; group: string };

/**
 * Operations on the event log for administrators: list and re-drive dead letters, list
 * consumer groups with their lag. Only pairs the consumer registry knows are accepted.
 */
export function createEventLogAdmin({ log, consumers }: EventLogAdminDeps) {
  /** Known pairs matching the filter; 404 when the filter names none. */
  function pairsMatching(filter: Partial<Pair>): Pair[] {
    const pairs = consumers
      .list()
      .filter(
        (p) =>
          (filter.topic === undefined || p.topic === filter.topic) &&
          (filter.group === undefined || p.group === filter.group),
      );
    if (pairs.length === 0 && (filter.topic !== undefined || filter.group !== undefined)) {
      throw unknownGroup(filter);
    }
    return pairs;
  }

  return {
    async listDeadLetters(filter: Partial<Pair> & { limit?: number }) {
      const limit = Math.min(filter.limit ?? DEFAULT_DEAD_LETTERS, MAX_DEAD_LETTERS);
      const perGroup = await Promise.all(
        pairsMatching(filter).map((p) => log.deadLetters(p.topic, p.group, { limit: limit + 1 })),
      );
      const all = perGroup.flat().sort((a, b) => a.deadAt - b.deadAt || Number(a.id) - Number(b.id));
      return { deadLetters: all.slice(0, limit).map(presentDeadLetter), hasMore: all.length > limit };
    },

    async redrive(pair: Pair, ids?: readonly string[]) {
      if (!consumers.has(pair.topic, pair.group)) throw unknownGroup(pair);
      const redriven = await log.redrive(pair.topic, pair.group, ids && [...new Set(ids)]);
      return { topic: pair.topic, group: pair.group, redriven };
    },

    async listConsumers() {
      const entries = consumers.list();
      const views = await Promise.all(
        entries.map(async (e) => {
          const base = {
            topic: e.topic,
            group: e.group,
            localInstances: e.localInstances,
            assignedPartitions: [...e.assignedPartitions],
          };
          try {
            const partitions = await log.lag(e.topic, e.group);
            return { ...base, lag: partitions.reduce((sum, p) => sum + p.lag, 0), partitions };
          } catch (err) {
            return { ...base, lag: null, partitions: [], lagError: (err as Error).message };
          }
        }),
      );
      return { consumers: views };
    },
  };
}

export type EventLogAdmin = ReturnType<typeof createEventLogAdmin>;

function unknownGroup(filter: Partial<Pair>): AppError {
  const group = filter.group === undefined ? 'No consumer group' : `No consumer group "${filter.group}"`;
  const topic = filter.topic === undefined ? '' : ` of topic "${filter.topic}"`;
  return new AppError('NOT_FOUND', `${group}${topic} runs in this process (see /api/admin/consumers)`);
}
