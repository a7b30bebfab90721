import type { Cache } from '@chat/platform';
import type { MembershipCache } from '../rooms/membership.ts';

const key = (userId: number) => `presence:${userId}`;

/**
 * Who is online, across nodes: a per-user connection count in the shared cache. Each node adds
 * one per open session and removes it on close, so several tabs or devices never flap; the
 * count expires after `ttlMs` unless a node holding a session refreshes it, so a crashed
 * node's users go offline within the TTL.
 */
export function createPresence(deps: { cache: Cache; membership: MembershipCache; ttlMs: number }) {
  const local = new Map<number, number>();
  let timer: NodeJS.Timeout | undefined;

  return {
    /** Returns true when this made the user online (their first connection anywhere). */
    async connected(userId: number): Promise<boolean> {
      local.set(userId, (local.get(userId) ?? 0) + 1);
      const count = await deps.cache.incr(key(userId), 1, { ttlMs: deps.ttlMs });
      await deps.cache.expire(key(userId), deps.ttlMs);
      return count === 1;
    },
    /** Returns true when this was the user's last connection anywhere. */
    async disconnected(userId: number): Promise<boolean> {
      const n = (local.get(userId) ?? 1) - 1;
      if (n <= 0) local.delete(userId);
      else local.set(userId, n);
      const count = await deps.cache.incr(key(userId), -1);
      if (count <= 0) {
        await deps.cache.del(key(userId));
        return true;
      }
      return false;
    },
    async isOnline(userId: number): Promise<boolean> {
      return Number((await deps.cache.get(key(userId))) ?? 0) > 0;
    },
    async online(roomId: number): Promise<number[]> {
      const members = await deps.membership.members(roomId);
      if (members.length === 0) return [];
      const counts = await deps.cache.mget(members.map(key));
      return members.filter((_, i) => Number(counts[i] ?? 0) > 0).sort((a, b) => a - b);
    },
    start() {
      timer = setInterval(
        () => {
          for (const userId of local.keys())
            void deps.cache.expire(key(userId), deps.ttlMs).catch(() => undefined);
        },
        Math.max(1000, Math.floor(deps.ttlMs / 3)),
      );
      timer.unref();
    },
    /** On shutdown this node's sessions are gone: take their counts back. */
    async stop() {
      if (timer) clearInterval(timer);
      await Promise.all([...local].map(([userId, n]) => deps.cache.incr(key(userId), -n).catch(() => 0)));
      local.clear();
    },
  };
}

export type Presence = ReturnType<typeof createPresence>;
