import type { Cache, Logger, SqlDatabase } from '@chat/platform';
import { PEAKS_SQL } from './connection-peaks.queries.ts';

const QUARTER_MS = 15 * 60_000;
/** How often each node reports its count and records the total. */
const SAMPLE_EVERY_MS = 10_000;
/** A node that stopped reporting (killed) drops out of the total after this. */
const NODE_TTL_MS = 3 * SAMPLE_EVERY_MS;
/** Quarters kept: a little over a year. */
const KEEP_MS = 400 * 86_400_000;

/**
 * Samples the STOMP connections open across every chat node: each node writes its own count
 * to the shared cache (with a TTL, so a dead node drops out) and records the sum of the live
 * counts as the current quarter hour's peak (the highest wins). Sampled every 10 s and a
 * second after a connection opens, so a short burst is seen. The daily statistics read a day's
 * peak from it (`peakConnections`).
 */
export function createConnectionPeaks(deps: {
  db: SqlDatabase;
  cache: Cache;
  logger: Logger;
  /** Connections open on this node now. */
  open(): number;
  nodeId: string;
  now?: () => number;
}) {
  const now = deps.now ?? Date.now;
  const nodesKey = 'chat:conn:nodes';
  const nodeKey = (id: string) => `chat:conn:node:${id}`;
  let timer: NodeJS.Timeout | undefined;
  let soon: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let samples = 0;

  async function sample(): Promise<void> {
    try {
      // About once an hour, quarters past what is kept go.
      if (samples++ % 360 === 0) await deps.db.query(PEAKS_SQL.purge, [new Date(now() - KEEP_MS)]);
      await deps.cache.set(nodeKey(deps.nodeId), String(deps.open()), { ttlMs: NODE_TTL_MS });
      await deps.cache.sadd(nodesKey, deps.nodeId);
      const nodes = await deps.cache.smembers(nodesKey);
      const counts = await deps.cache.mget(nodes.map(nodeKey));
      const gone = nodes.filter((_, i) => counts[i] === null || counts[i] === undefined);
      if (gone.length > 0) await deps.cache.srem(nodesKey, ...gone);
      const total = counts.reduce((sum: number, c) => sum + (c ? Number(c) : 0), 0);
      const at = now();
      await deps.db.query(PEAKS_SQL.record, [new Date(at - (at % QUARTER_MS)), total]);
    } catch (err) {
      deps.logger.debug({ err }, 'connection peak not sampled');
    }
  }

  const run = () => {
    running ??= sample().finally(() => {
      running = undefined;
    });
    return running;
  };

  return {
    start(): void {
      timer = setInterval(() => void run(), SAMPLE_EVERY_MS);
      timer.unref();
      void run();
    },
    /** A connection opened: sample within a second (bursts between two samples count). */
    opened(): void {
      soon ??= setTimeout(() => {
        soon = undefined;
        void run();
      }, 1000);
      soon.unref();
    },
    async stop(): Promise<void> {
      clearInterval(timer);
      clearTimeout(soon);
      await running;
      await deps.cache.del(nodeKey(deps.nodeId)).catch(() => 0);
    },
    /** The highest total seen in [from, to) (0: none recorded). */
    async peak(from: Date, to: Date): Promise<number> {
      const { rows } = await deps.db.query<{ peak: number | null }>(PEAKS_SQL.peak, [from, to]);
      return rows[0]?.peak ?? 0;
    },
    /** For tests: sample now. */
    sampleNow: run,
  };
}

export type ConnectionPeaks = ReturnType<typeof createConnectionPeaks>;
