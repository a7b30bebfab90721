import type { BatchHandler, LogRecord } from '../ports/event-log.ts';
import { backoffMs, type ResolvedConsumeOptions } from './consume-options.ts';
import type { PartitionSource } from './partition-source.ts';
import { sleep, toError } from './wait.ts';

export interface PartitionLoop {
  readonly partition: number;
  /**
   * Stops fetching and waits for the handler call in flight; a batch that succeeded is
   * committed, pending retries are abandoned (the records stay for the next owner).
   * `fenced`: ownership was lost, so nothing more may be committed.
   */
  stop(opts?: { fenced?: boolean }): Promise<void>;
}

export interface PartitionLoopArgs {
  partition: number;
  source: PartitionSource;
  handler: BatchHandler;
  options: ResolvedConsumeOptions;
  onError: (err: Error, context: string) => void;
}

/**
 * The per-partition consumer loop shared by every adapter: fetch a batch in offset order,
 * hand it to the handler, commit its last offset, repeat. When the handler throws, the
 * records are retried one at a time with backoff; a record still failing after
 * `maxAttempts` goes to the dead letters and the partition moves on. Order is never broken:
 * nothing behind a record is handled while that record is being retried.
 *
 * Attempts count deliveries of a record: the failed batch was attempt 1 for all its records.
 * Every record of a failed batch is tried alone at least once before it can be
 * dead-lettered, so with maxAttempts 1 a batch-mate of a poison record is not lost.
 */
export function startPartitionLoop(args: PartitionLoopArgs): PartitionLoop {
  const { partition, source, handler, options, onError } = args;
  const abort = new AbortController();
  const signal = abort.signal;
  let fenced = false;

  /** Runs `op` until it succeeds; gives up (false) once stopping or fenced. */
  async function persist(context: string, op: () => Promise<void>): Promise<boolean> {
    for (let n = 1; ; n++) {
      if (fenced) return false;
      try {
        await op();
        return true;
      } catch (err) {
        onError(toError(err), `${context} (partition ${partition})`);
        if (signal.aborted) return false;
        await sleep(backoffMs(options, n), signal);
      }
    }
  }

  /** Handles a failed batch record by record. False when abandoned (stopping). */
  async function retryOneByOne(batch: readonly LogRecord[], batchError: Error): Promise<boolean> {
    if (batch.length > 1 || options.maxAttempts > 1) options.onRetry?.(batch, batchError, 2);
    let waitAfter = 1; // attempts made by the record about to be retried, 0 = no wait needed
    for (const record of batch) {
      let attempt = 1;
      let error = batchError;
      let triedAlone = batch.length === 1;
      for (;;) {
        if (attempt >= options.maxAttempts && triedAlone) {
          const dead = { ...record, attempt };
          const ok = await persist('dead-letter', () => source.deadLetter(dead, error.message, attempt));
          if (!ok) return false;
          options.onDeadLetter?.(dead, error);
          waitAfter = 0;
          break;
        }
        if (waitAfter > 0 && !(await sleep(backoffMs(options, waitAfter), signal))) return false;
        if (signal.aborted) return false;
        attempt++;
        triedAlone = true;
        const retried = { ...record, attempt };
        try {
          await handler([retried]);
        } catch (err) {
          error = toError(err);
          waitAfter = attempt;
          if (attempt < options.maxAttempts) options.onRetry?.([retried], error, attempt + 1);
          continue;
        }
        waitAfter = 0;
        if (!(await persist('commit', () => source.commit(retried)))) return false;
        break;
      }
    }
    return true;
  }

  async function run(): Promise<void> {
    let failures = 0;
    while (!signal.aborted) {
      let batch: LogRecord[];
      try {
        batch = await source.fetch(options.batchSize, signal);
        failures = 0;
      } catch (err) {
        onError(toError(err), `fetch (partition ${partition})`);
        await sleep(backoffMs(options, ++failures), signal);
        continue;
      }
      const last = batch.at(-1);
      if (!last || signal.aborted) continue;
      let ok: boolean;
      try {
        await handler(batch);
        ok = await persist('commit', () => source.commit(last));
      } catch (err) {
        ok = await retryOneByOne(batch, toError(err));
      }
      if (!ok) break;
    }
  }

  const done = run().catch((err) => onError(toError(err), `partition ${partition} loop`));

  return {
    partition,
    async stop(opts) {
      if (opts?.fenced) fenced = true;
      abort.abort();
      await done;
    },
  };
}
