import { partitionFor } from '../ports/event-log.ts';
import type { AssignmentListener, PartitionAssigner } from './partition-assigner.ts';
import { toError } from './wait.ts';

/**
 * Leases with expiry in a shared store, one per partition of a group, plus a heartbeat per
 * live instance. Compare-and-set semantics: an acquire or refresh fails when another
 * instance wrote the lease in between.
 */
export interface LeaseBackend {
  /** Marks this instance alive for a TTL; returns how many instances of the group are alive. */
  heartbeat(): Promise<number>;
  /** Removes this instance from the group. */
  leave(): Promise<void>;
  /** Takes the partition's lease when it is free, expired or already ours. */
  acquire(partition: number): Promise<boolean>;
  /** Extends a held lease; false when another instance holds it now. */
  refresh(partition: number): Promise<boolean>;
  /** Frees a held lease so another instance can take it at once. */
  release(partition: number): Promise<void>;
  /** Calls `onChange` when another instance joined, left or released; returns an unsubscribe. */
  watch(onChange: () => void): () => void;
  /** Tells the other instances that something changed. */
  announce(): void;
}

export interface LeaseAssignerOptions {
  partitions: number;
  /** Spreads where instances start looking for free partitions. */
  instanceId: string;
  leaseTtlMs: number;
  backend: LeaseBackend;
  onError: (err: Error, context: string) => void;
}

/**
 * Partition ownership through leases. Every ttl/3 an instance refreshes its heartbeat and
 * leases, aims at ceil(partitions / live instances) partitions, hands extras over (finish,
 * commit, release) and takes free or expired leases up to its share. Instances nudge each
 * other on changes, so a joining or leaving instance is rebalanced promptly.
 */
export function createLeaseAssigner(opts: LeaseAssignerOptions): PartitionAssigner {
  const { partitions, leaseTtlMs, backend, onError } = opts;
  const owned = new Map<number, number>(); // partition -> last successful refresh
  const releasing = new Map<number, number>(); // being handed over, still refreshed
  const refreshing = new Map<number, Promise<boolean>>(); // lease refreshes in flight
  const handOvers = new Set<Promise<void>>();
  const start = partitionFor(opts.instanceId, partitions);
  let listener: AssignmentListener | undefined;
  let stopping = false;
  let ticking: Promise<void> | undefined;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  let unwatch: (() => void) | undefined;

  const lose = (p: number) => {
    owned.delete(p);
    releasing.delete(p);
    listener?.revoked(p, 'lost').catch((err) => onError(toError(err), `revoke lost partition ${p}`));
  };

  const handOver = (p: number, reason: 'rebalance' | 'stop') => {
    releasing.set(p, owned.get(p) ?? Date.now());
    owned.delete(p);
    const done = (async () => {
      try {
        await listener?.revoked(p, reason);
      } catch (err) {
        onError(toError(err), `revoke partition ${p}`);
      }
      if (releasing.delete(p)) {
        // A refresh of this lease still in flight would land after the release and keep the
        // lease ours (the release's compare-and-set losing to it): let it land first.
        await refreshing.get(p)?.catch(() => undefined);
        await backend.release(p).catch((err) => onError(toError(err), 'release lease'));
      }
      backend.announce();
    })();
    handOvers.add(done);
    void done.finally(() => handOvers.delete(done));
  };

  async function refreshAll(): Promise<void> {
    for (const held of [owned, releasing]) {
      for (const [p, refreshedAt] of [...held]) {
        if (!held.has(p)) continue; // handed over or lost meanwhile
        const now = Date.now();
        const refresh = backend.refresh(p);
        refreshing.set(p, refresh);
        try {
          const ok = await refresh;
          // Released or lost while the refresh was in flight: it must not come back.
          if (!held.has(p)) continue;
          if (ok) held.set(p, now);
          else lose(p);
        } catch (err) {
          onError(toError(err), `refresh lease ${p}`);
          if (held.has(p) && now - refreshedAt > leaseTtlMs * 0.8) lose(p);
        } finally {
          if (refreshing.get(p) === refresh) refreshing.delete(p);
        }
      }
    }
  }

  async function round(): Promise<void> {
    let live: number;
    try {
      live = await backend.heartbeat();
    } catch (err) {
      onError(toError(err), 'heartbeat');
      await refreshAll();
      return;
    }
    await refreshAll();
    if (stopping || !listener) return;
    const target = Math.ceil(partitions / Math.max(1, live));
    const extras = [...owned.keys()].sort((a, b) => b - a).slice(0, Math.max(0, owned.size - target));
    for (const p of extras) handOver(p, 'rebalance');
    let acquired = false;
    for (let i = 0; i < partitions && owned.size < target && !stopping; i++) {
      const p = (start + i) % partitions;
      if (owned.has(p) || releasing.has(p)) continue;
      try {
        if (!(await backend.acquire(p))) continue;
      } catch (err) {
        onError(toError(err), `acquire lease ${p}`);
        continue;
      }
      try {
        await listener.assigned(p);
        owned.set(p, Date.now());
        acquired = true;
      } catch (err) {
        onError(toError(err), `assign partition ${p}`);
        await backend.release(p).catch(() => undefined);
      }
    }
    if (acquired) backend.announce();
  }

  function tick(): Promise<void> {
    if (ticking) {
      again = true;
      return ticking;
    }
    ticking = (async () => {
      do {
        again = false;
        await round().catch((err) => onError(toError(err), 'lease round'));
      } while (again && !stopping);
    })().finally(() => {
      ticking = undefined;
    });
    return ticking;
  }

  return {
    async start(l) {
      listener = l;
      unwatch = backend.watch(() => void tick());
      timer = setInterval(() => void tick(), Math.max(50, Math.floor(leaseTtlMs / 3)));
      timer.unref();
      await tick();
      backend.announce();
    },
    async stop() {
      stopping = true;
      unwatch?.();
      await ticking;
      for (const p of [...owned.keys()]) handOver(p, 'stop');
      while (handOvers.size > 0) await Promise.all([...handOvers]);
      clearInterval(timer);
      await ticking;
      await backend.leave().catch((err) => onError(toError(err), 'leave group'));
      backend.announce();
    },
  };
}
