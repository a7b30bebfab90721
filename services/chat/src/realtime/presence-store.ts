import type { Cache } from '@chat/platform';

/** Cache keys of presence, shared by every node of a deployment. */
export const presenceKeys = {
  /** Set of node ids that may hold users (the sweeper's registry). */
  nodes: 'presence:nodes',
  /** A node's liveness, refreshed every tick; gone means the node is dead. */
  alive: (node: string) => `presence:alive:${node}`,
  /** Set of user ids a node has counted in `user` (what to undo when it dies). */
  held: (node: string) => `presence:held:${node}`,
  /** How many nodes hold at least one session of the user; > 0 means ONLINE. */
  user: (userId: number) => `presence:user:${userId}`,
  /** Taken by one node per tick: that node sweeps dead nodes. */
  sweepLock: 'presence:sweep-lock',
} as const;

export interface PresenceTimings {
  /** Expiry of a user's count; holders refresh it every tick. */
  readonly ttlMs: number;
  /** Heartbeat, refresh and sweep period. */
  readonly tickMs: number;
  /** Expiry of a node's liveness key: a node silent this long is swept. */
  readonly aliveTtlMs: number;
  /** Expiry of the registry and held sets (refreshed; only outlives a whole deployment). */
  readonly registryTtlMs: number;
}

/** A crashed node's users are swept within aliveTtl + tick = ttl/2 + ttl/6 < ttl. */
export function presenceTimings(ttlMs: number): PresenceTimings {
  return {
    ttlMs,
    tickMs: Math.max(100, Math.min(10_000, Math.floor(ttlMs / 6))),
    aliveTtlMs: Math.max(200, Math.floor(ttlMs / 2)),
    registryTtlMs: Math.max(ttlMs * 10, 3_600_000),
  };
}

const SWEEP_BATCH = 100;

/**
 * The cache side of presence for one node. Every change is one atomic cache operation whose
 * result says whether the user crossed 0 <-> 1 nodes, so exactly one caller sees each
 * transition. Set removals (`srem`) are atomic too, so a node's contribution is taken back
 * exactly once whether the node itself, or a sweeper after its death, does it. When a crash
 * interrupts a two-step change, the count errs high and the user's TTL repairs it.
 */
export function createPresenceStore(cache: Cache, node: string, t: PresenceTimings) {
  const k = presenceKeys;

  async function increment(userId: number): Promise<boolean> {
    const n = await cache.incr(k.user(userId), 1, { ttlMs: t.ttlMs });
    // A count left at 0 keeps its old expiry otherwise.
    await cache.expire(k.user(userId), t.ttlMs);
    return n === 1;
  }

  async function decrement(userId: number): Promise<boolean> {
    const n = await cache.incr(k.user(userId), -1);
    // Below zero: the count had expired (a long-dead node); missing means 0.
    if (n < 0) await cache.del(k.user(userId));
    return n <= 0;
  }

  return {
    /** This node now holds the user. True when that made the user ONLINE. */
    async join(userId: number): Promise<boolean> {
      const online = await increment(userId);
      await cache.sadd(k.held(node), String(userId));
      return online;
    },

    /** This node no longer holds the user. True when that made the user OFFLINE. */
    async leave(userId: number): Promise<boolean> {
      if ((await cache.srem(k.held(node), String(userId))) === 0) return false; // swept meanwhile
      return decrement(userId);
    },

    /** After this node was swept (it stalled): counts a held user again if the sweep took it. */
    async rejoin(userId: number): Promise<boolean> {
      if ((await cache.sadd(k.held(node), String(userId))) === 0) return false;
      return increment(userId);
    },

    /** Liveness and registry. True when this node was not registered (first time, or swept). */
    async heartbeat(): Promise<boolean> {
      await cache.set(k.alive(node), '1', { ttlMs: t.aliveTtlMs });
      const added = await cache.sadd(k.nodes, node);
      await Promise.all([
        cache.expire(k.nodes, t.registryTtlMs),
        cache.expire(k.held(node), t.registryTtlMs),
      ]);
      return added === 1;
    },

    /** Keeps the counts of held users alive; returns the users whose count had vanished. */
    async refresh(userIds: readonly number[]): Promise<number[]> {
      const kept = await Promise.all(userIds.map((u) => cache.expire(k.user(u), t.ttlMs)));
      return userIds.filter((_, i) => !kept[i]);
    },

    /**
     * At most one node per tick (a short lock): takes back the contributions of every node whose
     * liveness key expired, calling `offline` for users that held no other node.
     */
    async sweep(offline: (userId: number) => Promise<void>): Promise<void> {
      if (!(await cache.set(k.sweepLock, node, { ifAbsent: true, ttlMs: t.tickMs }))) return;
      const others = (await cache.smembers(k.nodes)).filter((n) => n !== node);
      if (others.length === 0) return;
      const alive = await cache.mget(others.map((n) => k.alive(n)));
      for (const [i, dead] of others.entries()) {
        if (alive[i] !== null) continue;
        const members = await cache.smembers(k.held(dead));
        for (let at = 0; at < members.length; at += SWEEP_BATCH) {
          await Promise.all(
            members.slice(at, at + SWEEP_BATCH).map(async (member) => {
              if ((await cache.srem(k.held(dead), member)) === 0) return;
              const userId = Number(member);
              if (await decrement(userId)) await offline(userId);
            }),
          );
        }
        await cache.srem(k.nodes, dead);
      }
    },

    /** Clean shutdown, after every held user left. */
    async unregister(): Promise<void> {
      await cache.srem(k.nodes, node);
      await cache.del(k.alive(node), k.held(node));
    },

    async countOf(userIds: readonly number[]): Promise<number[]> {
      if (userIds.length === 0) return [];
      return (await cache.mget(userIds.map((u) => k.user(u)))).map((v) => Number(v ?? 0));
    },
  };
}

export type PresenceStore = ReturnType<typeof createPresenceStore>;
