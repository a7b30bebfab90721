import type { Cache } from '@chat/platform';
import type { RoomDetail, RoomSummary } from './room.model.ts';

const ENTRY_TTL_MS = 60_000;
/** Versions outlive every entry written under them, so an old version never comes back. */
const VERSION_TTL_MS = 24 * 3600_000;

/**
 * Cache-aside for the room list (per user) and the room detail (per room), in the shared cache.
 * Every writer bumps a version key after committing and before answering; entries are
 * tagged with the version they were computed under and only served while it is current, so
 * a value computed from older data (by a reader that raced the writer) is never served:
 * never stale after the writer's response.
 */
export function createRoomCache(cache: Cache) {
  /**
   * One round trip: the version key and the entry together. An entry carries the version it
   * was computed under (`version\n` + JSON); it is a hit only while that is still the current
   * version, so a value stored by a reader that raced a writer is simply a miss.
   */
  async function read<T>(kind: string, id: number, load: () => Promise<T>): Promise<T> {
    const [version, entry] = await cache.mget([`chat:${kind}:v:${id}`, `chat:${kind}:${id}`]);
    const current = version ?? '0';
    if (entry !== null && entry !== undefined) {
      const cut = entry.indexOf('\n');
      if (entry.slice(0, cut) === current) return JSON.parse(entry.slice(cut + 1)) as T;
    }
    const value = await load();
    if (value !== undefined) {
      await cache.set(`chat:${kind}:${id}`, `${current}\n${JSON.stringify(value)}`, { ttlMs: ENTRY_TTL_MS });
    }
    return value;
  }

  async function bump(kind: string, ids: Iterable<number>): Promise<void> {
    await Promise.all(
      [...new Set(ids)].map((id) => cache.incr(`chat:${kind}:v:${id}`, 1, { ttlMs: VERSION_TTL_MS })),
    );
  }

  return {
    list: (userId: number, load: () => Promise<RoomSummary[]>) => read('list', userId, load),
    detail: (roomId: number, load: () => Promise<RoomDetail | undefined>) => read('detail', roomId, load),
    /** The room lists of these users changed (new message, read mark, membership). */
    invalidateLists: (userIds: Iterable<number>) => bump('list', userIds),
    /** The room's detail changed (membership). */
    invalidateDetail: (roomId: number) => bump('detail', [roomId]),
  };
}

export type RoomCache = ReturnType<typeof createRoomCache>;
