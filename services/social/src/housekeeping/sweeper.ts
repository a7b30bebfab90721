import { randomUUID } from 'node:crypto';
import type { Cache, Logger } from '@chat/platform';
import type { SweepCounts } from './sweep.ts';

/** The lease in the shared cache: the node that holds it sweeps, the others skip their turn. */
export const SWEEP_LEASE_KEY = 'social:sweep:lease';
/** The lease lasts this long past its holder's last batch: a node that died frees it after. */
const LEASE_MS = 5 * 60_000;
/** The first pass, this long after start (at most the interval): not in the rush of a start. */
const FIRST_PASS_MS = 30_000;

export interface SweeperDeps {
  /** One pass (sweep.ts); `more()` before each batch. */
  readonly sweep: (more: () => Promise<boolean>) => Promise<SweepCounts>;
  readonly cache: Pick<Cache, 'set' | 'get' | 'del' | 'expire'>;
  readonly logger: Logger;
  /** Between passes of this node; 0: `start` runs none (passes only through `sweepNow`). */
  readonly intervalMs: number;
  /** Told what each pass removed (the metrics). */
  readonly removed?: (counts: SweepCounts) => void;
}

/**
 * Runs the sweep periodically, on one node at a time: each node offers every `intervalMs`,
 * the one that takes the lease sweeps (renewing it at each batch) and frees it when done.
 * When the cache cannot be reached the node sweeps anyway: overlapping passes are safe (each
 * row is taken by one of them), only wasteful.
 */
export function createSweeper(deps: SweeperDeps) {
  const token = randomUUID();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<SweepCounts | null> | undefined;
  let stopped = false;

  /** True when this node may sweep now: it took the lease (or the cache is unreachable). */
  async function takeLease(): Promise<boolean> {
    try {
      return await deps.cache.set(SWEEP_LEASE_KEY, token, { ifAbsent: true, ttlMs: LEASE_MS });
    } catch (err) {
      deps.logger.debug({ err }, 'social sweep: lease unreachable, sweeping without it');
      return true;
    }
  }

  async function freeLease(): Promise<void> {
    try {
      if ((await deps.cache.get(SWEEP_LEASE_KEY)) === token) await deps.cache.del(SWEEP_LEASE_KEY);
    } catch {
      // It expires by itself.
    }
  }

  /** Before each batch: go on unless stopping, the lease renewed. */
  async function more(): Promise<boolean> {
    if (stopped) return false;
    await deps.cache.expire(SWEEP_LEASE_KEY, LEASE_MS).catch(() => false);
    return true;
  }

  async function pass(): Promise<SweepCounts | null> {
    if (!(await takeLease())) return null;
    const started = performance.now();
    try {
      const counts = await deps.sweep(more);
      deps.removed?.(counts);
      const ms = Math.round(performance.now() - started);
      if (counts.uploads + counts.postImages + counts.notifications + counts.viewDays > 0) {
        deps.logger.info({ ...counts, ms }, 'social sweep removed leftovers');
      } else {
        deps.logger.debug({ ms }, 'social sweep: nothing to remove');
      }
      return counts;
    } finally {
      await freeLease();
    }
  }

  /**
   * One pass now, unless another node is sweeping (null then); never two at once on this node
   * (a second call shares the pass in progress). Rejects when the pass failed.
   */
  function sweepNow(): Promise<SweepCounts | null> {
    running ??= pass().finally(() => {
      running = undefined;
    });
    return running;
  }

  function schedule(ms: number): void {
    timer = setTimeout(async () => {
      try {
        await sweepNow();
      } catch (err) {
        deps.logger.warn({ err }, 'social sweep failed; tried again at the next interval');
      }
      if (!stopped) schedule(deps.intervalMs);
    }, ms);
    timer.unref();
  }

  return {
    sweepNow,
    start(): void {
      stopped = false;
      if (deps.intervalMs > 0) schedule(Math.min(FIRST_PASS_MS, deps.intervalMs));
    },
    /** No pass starts after this; one in progress stops after its batch. */
    async stop(): Promise<void> {
      stopped = true;
      clearTimeout(timer);
      await running?.catch(() => undefined);
    },
  };
}

export type Sweeper = ReturnType<typeof createSweeper>;
