import type { BatchHandler, Consumer } from '../ports/event-log.ts';
import type { ResolvedConsumeOptions } from './consume-options.ts';
import type { PartitionAssigner } from './partition-assigner.ts';
import { type PartitionLoop, startPartitionLoop } from './partition-loop.ts';
import type { PartitionSource } from './partition-source.ts';
import { toError } from './wait.ts';

export interface GroupConsumerArgs {
  handler: BatchHandler;
  options: ResolvedConsumeOptions;
  assigner: PartitionAssigner;
  /** Opens an owned partition at the group's committed position. */
  openPartition(partition: number): Promise<PartitionSource>;
  onError: (err: Error, context: string) => void;
}

/**
 * One instance of a consumer group: runs a partition loop for every partition the assigner
 * gives it, and stops each loop (finish, commit, close) before the partition moves on.
 */
export async function startGroupConsumer(args: GroupConsumerArgs): Promise<Consumer> {
  const { handler, options, assigner, openPartition, onError } = args;
  const running = new Map<number, { loop: PartitionLoop; source: PartitionSource }>();

  await assigner.start({
    async assigned(partition) {
      const source = await openPartition(partition);
      const loop = startPartitionLoop({ partition, source, handler, options, onError });
      running.set(partition, { loop, source });
    },
    async revoked(partition, reason) {
      const entry = running.get(partition);
      if (!entry) return;
      running.delete(partition);
      await entry.loop.stop({ fenced: reason === 'lost' });
      await entry.source.close().catch((err) => onError(toError(err), `close partition ${partition}`));
    },
  });

  let stopped: Promise<void> | undefined;
  return {
    assignedPartitions: () => [...running.keys()].sort((a, b) => a - b),
    stop: () => {
      stopped ??= assigner.stop();
      return stopped;
    },
  };
}

/** `consumer`, kept in `open` (what the log stops on close) until it is stopped itself. */
export function trackConsumer(consumer: Consumer, open: Set<Consumer>): Consumer {
  open.add(consumer);
  return {
    assignedPartitions: () => consumer.assignedPartitions(),
    async stop() {
      await consumer.stop();
      open.delete(consumer);
    },
  };
}
