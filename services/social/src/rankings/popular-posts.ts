import type { Cache, Logger } from '@chat/platform';
import type { PostRow } from '../posts/posts.repository.ts';
import { RANKING_KEYS as K } from './ranking-keys.ts';
import type { RankingsRepository } from './rankings.repository.ts';
import { EPOCH_SPAN_MS, epochOf, type Interaction, increment, REBUILD_WINDOW_MS } from './scoring.ts';

/** Posts a rebuild puts back, at most (the rest weigh too little to be shown). */
const REBUILD_LIMIT = 10_000;
/** How long a node may rebuild before another may take over. */
const LEASE_MS = 60_000;
/** How long a reader waits for another node's rebuild before serving what there is. */
const WAIT_FOR_REBUILD_MS = 3_000;
/** Members read from the sorted set per filtered page, and rounds at most. */
const READ_FACTOR = 2;
const READ_ROUNDS = 5;

export interface PopularPostsDeps {
  readonly cache: Cache;
  readonly repo: Pick<RankingsRepository, 'rebuildScores' | 'publicPosts'>;
  readonly logger: Logger;
  /** Epoch millis (tests fix it). */
  readonly now?: () => number;
}

/**
 * The popular posts: a sorted set per generation in the shared cache, fed by increments
 * (scoring.ts), rebuilt from PostgreSQL when lost, read through the public visibility rule.
 */
export function createPopularPosts(deps: PopularPostsDeps) {
  const { cache } = deps;
  const now = deps.now ?? Date.now;

  /** Puts back the ranking of `t`'s generation from PostgreSQL, and marks it built. */
  async function rebuild(t: number): Promise<number> {
    const epoch = epochOf(t);
    const scores = await deps.repo.rebuildScores(new Date(t - REBUILD_WINDOW_MS), epoch, REBUILD_LIMIT);
    const key = K.posts(t);
    await cache.del(key);
    await cache.zadd(
      key,
      scores.map(([id, score]) => [String(id), score] as const),
    );
    // The generation's key lives until its last reader moved on to the next one.
    const ttlMs = epoch + EPOCH_SPAN_MS + REBUILD_WINDOW_MS - t;
    await cache.expire(key, ttlMs);
    await cache.set(K.ready(t), String(t), { ttlMs });
    return scores.length;
  }

  /** The ranking of `t`'s generation exists: built here under the lease, or by another node. */
  async function ensureBuilt(t: number): Promise<void> {
    if ((await cache.get(K.ready(t))) !== null) return;
    if (await cache.set(K.rebuildLease(t), String(t), { ifAbsent: true, ttlMs: LEASE_MS })) {
      try {
        const n = await rebuild(t);
        deps.logger.info({ posts: n, key: K.posts(t) }, 'popular posts rebuilt from the database');
      } finally {
        await cache.del(K.rebuildLease(t));
      }
      return;
    }
    const until = Date.now() + WAIT_FOR_REBUILD_MS;
    while (Date.now() < until && (await cache.get(K.ready(t))) === null) {
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  return {
    rebuild,

    /** Counts an interaction with a post (the caller decided it counts, and only once). */
    async add(postId: number, kind: Interaction, t: number, by?: number): Promise<number> {
      const inc = by ?? increment(kind, t);
      await cache.zincrby(K.posts(t), inc, String(postId));
      return inc;
    },

    /** Takes back what `add` added at `t`. */
    async subtract(postId: number, t: number, inc: number): Promise<void> {
      await cache.zincrby(K.posts(t), -inc, String(postId));
    },

    /** Takes a post out of the ranking (deleted, or no longer public). */
    async remove(postId: number, t: number): Promise<void> {
      const keys = new Set([K.posts(t), K.posts(now())]);
      for (const key of keys) await cache.zrem(key, String(postId));
    },

    /**
     * A page of the popular posts from rank `offset`: only PUBLIC posts of public accounts, not
     * deleted, as they are now (an account turned private, a post hidden since it was counted,
     * is skipped), that `visible` keeps (the viewer's rule). `next`: the rank to go on from, or
     * null at the end.
     */
    async page(
      offset: number,
      size: number,
      visible: (rows: PostRow[]) => Promise<PostRow[]>,
    ): Promise<{ rows: PostRow[]; next: number | null }> {
      const t = now();
      await ensureBuilt(t);
      const key = K.posts(t);
      const rows: PostRow[] = [];
      let at = offset;
      for (let round = 0; round < READ_ROUNDS; round++) {
        const want = size * READ_FACTOR;
        const chunk = await cache.zrevrange(key, at, at + want - 1);
        const ids = chunk.map((m) => Number(m.member));
        const shown = new Map((await visible(await deps.repo.publicPosts(ids))).map((r) => [r.id, r]));
        for (const id of ids) {
          at++;
          const row = shown.get(id);
          if (row) rows.push(row);
          if (rows.length === size) return { rows, next: at };
        }
        if (chunk.length < want) return { rows, next: null };
      }
      return { rows, next: at };
    },
  };
}

export type PopularPosts = ReturnType<typeof createPopularPosts>;
