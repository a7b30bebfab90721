import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { eventLoopLoad, type Logger, type SqlDatabase } from '@chat/platform';
import { SEARCH_INDEX_SQL } from './search.queries.ts';

export interface SearchIndexerOptions {
  db: SqlDatabase;
  logger: Logger;
  /**
   * Messages moved into the index per statement: each costs about 60 µs in PGlite, whose
   * thread a statement holds until it ends (100: deliveries wait at most about 6 ms).
   */
  batchSize?: number;
  /**
   * How busy this process was since the previous call, 0 to 1 (default: its event loop's
   * utilization; in embedded mode PGlite runs on that loop too, so it covers the database).
   */
  load?: () => number;
  /** Above this load the indexer waits (unless the backlog is past `maxBacklog`). */
  busyLoad?: number;
  /** The longest it indexes without a pause (then it sleeps `idleMs` and looks again). */
  runMs?: number;
  /**
   * Pending messages beyond which the indexer works however busy the pipeline is, in runs of
   * `forcedRunMs` (one batch at least).
   */
  maxBacklog?: number;
  /**
   * The longest run while busy past `maxBacklog`: short, so that a burst longer than the
   * backlog allows still leaves delivery most of the thread (100 ms a run, one run each
   * `idleMs`: about a tenth).
   */
  forcedRunMs?: number;
  /**
   * How long it sleeps between runs, over which the load is measured (and how late a message
   * may be indexed when the process has room; search tests pending messages directly).
   */
  idleMs?: number;
  /** Told the backlog after every look (for the metric). */
  onBacklog?: (pending: number) => void;
}

/**
 * Moves messages from chat.search_pending into the search index (migrations/016), beside the
 * pipeline: in runs of batches while the process has room, waiting while its event loop was
 * busier than `busyLoad`, so indexing does not take delivery's time during a burst (in embedded mode PGlite
 * runs in this thread, and a message's index keys cost about a fifth of its path).
 * Past `maxBacklog` pending messages it works regardless, in shorter runs: search tests the
 * pending messages one by one, and that must stay quick, but a long burst must not lose a
 * third of delivery's time to it either (a full run each second did, at saturation). Several
 * nodes may run one each: a batch takes its rows with SKIP LOCKED, so none is indexed twice or
 * skipped.
 */
export function createSearchIndexer(opts: SearchIndexerOptions) {
  const batchSize = opts.batchSize ?? 100;
  const busyLoad = opts.busyLoad ?? 0.8;
  const runMs = opts.runMs ?? 500;
  const load = opts.load ?? eventLoopLoad();
  const maxBacklog = opts.maxBacklog ?? 50_000;
  const forcedRunMs = opts.forcedRunMs ?? 100;
  const idleMs = opts.idleMs ?? 1000;
  let running: Promise<void> | undefined;
  let stopping = false;
  let stopSleep = new AbortController();

  /** Pending messages: an upper bound from the ids at both ends (two index probes). */
  async function backlog(): Promise<number> {
    const { rows } = await opts.db.query<{ n: string | number | null }>(SEARCH_INDEX_SQL.backlog);
    const n = Number(rows[0]?.n ?? 0);
    opts.onBacklog?.(n);
    return n;
  }

  /** Indexes one batch in one transaction; returns how many pending messages it took. */
  function indexBatch(): Promise<number> {
    return opts.db.transaction(async (tx) => {
      const taken = (await tx.query<{ message_id: number }>(SEARCH_INDEX_SQL.take, [batchSize])).rows.map(
        (r) => r.message_id,
      );
      if (taken.length === 0) return 0;
      const { rows } = await tx.query<{ id: number; room_id: number; content: string }>(
        SEARCH_INDEX_SQL.current,
        [taken],
      );
      await tx.query(SEARCH_INDEX_SQL.store, [
        taken,
        rows.map((r) => r.id),
        rows.map((r) => r.room_id),
        rows.map((r) => r.content),
      ]);
      return taken.length;
    });
  }

  const pause = (ms: number) =>
    sleep(ms, undefined, { signal: stopSleep.signal, ref: false }).catch(() => undefined);

  /**
   * Sleeps, then looks at how busy the process was meanwhile (its own work left out): busy, it
   * sleeps again; else it indexes batch after batch until nothing is pending or `runMs` is up (one batch at
   * least).
   */
  async function loop(): Promise<void> {
    while (!stopping) {
      await pause(idleMs);
      if (stopping) return;
      try {
        const busy = load() > busyLoad;
        if (busy && (await backlog()) < maxBacklog) continue;
        const until = performance.now() + (busy ? forcedRunMs : runMs);
        let taken: number;
        do {
          taken = await indexBatch();
          // Between batches, whatever else waits for the database goes first.
          await new Promise((r) => setImmediate(r));
        } while (!stopping && taken === batchSize && performance.now() < until);
        if (taken < batchSize) opts.onBacklog?.(0);
      } catch (err) {
        if (stopping) return;
        opts.logger.warn({ err }, 'search indexing failed; tried again shortly');
      } finally {
        load(); // the next look measures the sleep only
      }
    }
  }

  return {
    start() {
      stopping = false;
      stopSleep = new AbortController();
      running ??= loop();
    },
    /** Indexes everything pending now (tests, tools); returns how many messages it took. */
    async drain(): Promise<number> {
      let total = 0;
      for (let n = await indexBatch(); n > 0; n = await indexBatch()) total += n;
      return total;
    },
    backlog,
    async stop() {
      stopping = true;
      stopSleep.abort();
      await running;
      running = undefined;
    },
  };
}

export type SearchIndexer = ReturnType<typeof createSearchIndexer>;
