import { classifyFailure } from '../errors/transient.ts';
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

/** How a batch ended: moved past, to be fetched again from the committed position, or abandoned. */
type Outcome = 'done' | 'rewind' | 'stopped';

/**
 * The per-partition consumer loop shared by every adapter: fetch a batch in offset order,
 * hand it to the handler, commit its last offset, repeat. The commit runs while the next
 * batch is fetched and handled (commits stay in order, one at a time). Order is never
 * broken: nothing behind a record is handled while that record is being retried.
 *
 * When the handler throws, the error's kind (classifyFailure) decides:
 * - transient (a dependency is down): the batch is retried as a whole with capped backoff,
 *   without limit; the partition waits and its lag grows, nothing is dead-lettered;
 * - otherwise the records are retried one at a time. A record failing permanently (bad data)
 *   is dead-lettered after one attempt alone, without backoff; one failing for an unknown
 *   reason is retried with backoff until `maxAttempts` (only such failures count).
 *
 * Attempts count deliveries of a record: the failed batch was attempt 1 for all its records.
 * Every record of a failed batch is tried alone at least once before it can be
 * dead-lettered, so a batch-mate of a poison record is not lost.
 *
 * A failed commit or dead-letter is not retried as such: the source rewinds to the group's
 * committed position and the records are fetched and handled again (handlers are
 * idempotent), so a partition resumes by itself after any outage of the log.
 */
export function startPartitionLoop(args: PartitionLoopArgs): PartitionLoop {
  const { partition, source, handler, options, onError } = args;
  const abort = new AbortController();
  const signal = abort.signal;
  let fenced = false;

  /** One try of a commit or dead-letter; a failure rewinds the partition. */
  async function once(context: string, op: () => Promise<void>): Promise<Outcome> {
    if (fenced) return 'stopped';
    try {
      await op();
      return 'done';
    } catch (err) {
      onError(toError(err), `${context} (partition ${partition})`);
      return signal.aborted ? 'stopped' : 'rewind';
    }
  }

  async function commit(record: LogRecord): Promise<Outcome> {
    const outcome = await once('commit', () => source.commit(record));
    if (outcome === 'done') options.onProgress?.(partition);
    return outcome;
  }

  async function deadLetter(record: LogRecord, error: Error): Promise<Outcome> {
    const outcome = await once('dead-letter', () => source.deadLetter(record, error.message, record.attempt));
    if (outcome === 'done') {
      options.onDeadLetter?.(record, error);
      options.onProgress?.(partition);
    }
    return outcome;
  }

  /** A batch failed: wait out transient failures with the whole batch, then go record by record. */
  async function retry(batch: readonly LogRecord[], batchError: Error): Promise<Outcome> {
    let error = batchError;
    let attempt = 1;
    for (let n = 1; classifyFailure(error) === 'transient'; n++) {
      options.onRetry?.(batch, error, attempt + 1);
      if (!(await sleep(backoffMs(options, n), signal))) return 'stopped';
      attempt++;
      const retried = batch.map((r) => ({ ...r, attempt }));
      try {
        await handler(retried);
      } catch (err) {
        error = toError(err);
        continue;
      }
      return commit(retried.at(-1)!);
    }
    return retryOneByOne(batch, error, attempt);
  }

  /** Handles a failed batch record by record. */
  async function retryOneByOne(
    batch: readonly LogRecord[],
    batchError: Error,
    delivered: number,
  ): Promise<Outcome> {
    const batchKind = classifyFailure(batchError);
    if (batch.length > 1 || (options.maxAttempts > 1 && batchKind !== 'permanent'))
      options.onRetry?.(batch, batchError, delivered + 1);
    // Backoff step before the next attempt of the current record; 0 = none.
    let waitStep = batchKind === 'permanent' ? 0 : 1;
    for (const record of batch) {
      let attempt = delivered;
      let error = batchError;
      let counted = 1; // failures of unknown kind so far (the batch's counts for everyone)
      let transientRun = 0;
      let triedAlone = batch.length === 1;
      for (;;) {
        const kind = classifyFailure(error);
        if (triedAlone && (kind === 'permanent' || (kind === 'unknown' && counted >= options.maxAttempts))) {
          const outcome = await deadLetter({ ...record, attempt }, error);
          if (outcome !== 'done') return outcome;
          waitStep = 0;
          break;
        }
        if (waitStep > 0 && !(await sleep(backoffMs(options, waitStep), signal))) return 'stopped';
        if (signal.aborted) return 'stopped';
        attempt++;
        triedAlone = true;
        const retried = { ...record, attempt };
        try {
          await handler([retried]);
        } catch (err) {
          error = toError(err);
          const failed = classifyFailure(error);
          if (failed === 'transient') waitStep = ++transientRun;
          else {
            transientRun = 0;
            if (failed === 'unknown') counted++;
            waitStep = failed === 'permanent' ? 0 : counted;
          }
          if (failed === 'transient' || (failed === 'unknown' && counted < options.maxAttempts))
            options.onRetry?.([retried], error, attempt + 1);
          continue;
        }
        waitStep = 0;
        const outcome = await commit(retried);
        if (outcome !== 'done') return outcome;
        break;
      }
    }
    return 'done';
  }

  async function run(): Promise<void> {
    let failures = 0;
    let rewinds = 0;
    let rewinding = false;
    /**
     * The commit of the last batch handled, still going: the next batch is fetched and handled
     * while it runs (a round trip to the log off each batch's path). Commits stay in order,
     * one at a time; a batch waits for its predecessor's commit before its own starts.
     */
    let committing: Promise<Outcome> | undefined;
    const settled = async (): Promise<Outcome> => {
      const outcome = committing ? await committing : 'done';
      committing = undefined;
      if (outcome === 'done') rewinds = 0;
      return outcome;
    };
    /** A busy partition's batch, with what arrives within `linger.ms` added (ConsumeOptions.linger). */
    const lingered = async (batch: LogRecord[], fetchSignal: AbortSignal): Promise<LogRecord[]> => {
      const { ms, minRecords, when } = options.linger;
      if (ms <= 0 || batch.length < minRecords || batch.length >= options.batchSize || !when()) return batch;
      if (!(await sleep(ms, fetchSignal))) return batch;
      // Only what is there now: a fetch finding nothing waits for records, so it is cut short.
      // A failure here must not lose the batch already taken (the source has moved past it):
      // it goes on alone, and the next fetch meets the failure again if it lasts.
      const more = await source
        .fetch(options.batchSize - batch.length, AbortSignal.any([fetchSignal, AbortSignal.timeout(1)]))
        .catch((err: unknown) => {
          onError(toError(err), `fetch while lingering (partition ${partition})`);
          return [];
        });
      return more.length > 0 ? [...batch, ...more] : batch;
    };
    while (!signal.aborted) {
      if (rewinding) {
        if (!(await sleep(backoffMs(options, ++rewinds), signal))) break;
        try {
          await source.rewind();
          rewinding = false;
        } catch (err) {
          onError(toError(err), `rewind (partition ${partition})`);
          continue;
        }
      }
      // A failed commit ends the wait for more records: the partition rewinds at once.
      const fetching = new AbortController();
      const relay = () => fetching.abort();
      signal.addEventListener('abort', relay, { once: true });
      if (signal.aborted) fetching.abort(); // stopped while rewinding: the listener came late
      void committing?.then((outcome) => outcome !== 'done' && fetching.abort());
      let batch: LogRecord[];
      try {
        batch = await source.fetch(options.batchSize, fetching.signal);
        batch = await lingered(batch, fetching.signal);
        failures = 0;
      } catch (err) {
        onError(toError(err), `fetch (partition ${partition})`);
        await sleep(backoffMs(options, ++failures), signal);
        continue;
      } finally {
        signal.removeEventListener('abort', relay);
      }
      const last = batch.at(-1);
      if (signal.aborted) break;
      if (!last || fetching.signal.aborted) {
        // Nothing new, or the last commit failed (what was fetched comes again after the rewind).
        const previous = fetching.signal.aborted ? await settled() : 'done';
        if (previous === 'stopped') break;
        if (previous === 'rewind') rewinding = true;
        continue;
      }
      let error: Error | undefined;
      try {
        await handler(batch);
      } catch (err) {
        error = toError(err);
      }
      // The previous commit failed: this batch comes again after the rewind (handlers are idempotent).
      const previous = await settled();
      if (previous === 'stopped') break;
      if (previous === 'rewind') {
        rewinding = true;
        continue;
      }
      if (error === undefined) {
        // Never rejects: a throwing callback (onProgress) is reported and the partition rewinds.
        committing = commit(last).catch((err: unknown) => {
          onError(toError(err), `commit (partition ${partition})`);
          return signal.aborted ? 'stopped' : 'rewind';
        });
        continue;
      }
      // A failed batch is retried where it stands, its commits awaited.
      const outcome = await retry(batch, error);
      if (outcome === 'stopped') break;
      if (outcome === 'rewind') rewinding = true;
      else rewinds = 0;
    }
    await settled();
  }

  options.onProgress?.(partition);
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
