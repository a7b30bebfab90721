import type { LogRecord } from '../ports/event-log.ts';

/**
 * What an adapter provides for one owned partition of one group; the partition loop does
 * the rest. Only the loop of the owning instance calls it: one commit at a time, in offset
 * order, and a commit may still run while the next fetch does (the loop handles a batch while
 * the previous one's commit completes); every other call comes alone.
 */
export interface PartitionSource {
  /**
   * The next records after the last one returned (at first: after the committed position),
   * at most `max`, in offset order, with `attempt` 1. Waits until there is at least one;
   * resolves with none once `signal` aborts.
   */
  fetch(max: number, signal: AbortSignal): Promise<LogRecord[]>;
  /** Durably commits the group's position up to and including `record`. */
  commit(record: LogRecord): Promise<void>;
  /** Moves `record` to the group's dead letters and commits past it. */
  deadLetter(record: LogRecord, error: string, attempts: number): Promise<void>;
  /**
   * Forgets what was fetched but not committed: the next fetch starts after the group's
   * committed position again. The loop calls it when a commit or dead-letter failed, since
   * the same commit cannot always be retried (a NATS ack is sent once).
   */
  rewind(): Promise<void>;
  /** Stops fetching; uncommitted records stay for the next owner. */
  close(): Promise<void>;
}
