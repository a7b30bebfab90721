import type { Cache } from '@chat/platform';
import type { RoomDetail, RoomSummary } from './room.model.ts';

const ENTRY_TTL_MS = 60_000;
/** Versions outlive every entry written under them, so an old version never comes back. */
const VERSION_TTL_MS = 24 * 3600_000;
/** Bumped when any user's nickname or status changes: lists, details and pages all show nicknames. */
const USERS_VERSION = 'chat:users:v';

/** A response body, already JSON: cache hits are sent as they are, never parsed or re-serialised. */
export type Json = string & { readonly __json: unique symbol };

export function toJson(value: unknown): Json {
  return JSON.stringify(value) as Json;
}

/**
 * Cache-aside for the room list (per user), the room detail (per room) and the newest page of
 * a room's messages, in the shared cache, stored and served as JSON text.
 *
 * Every writer bumps a version key after committing and before answering; entries are
 * tagged with the versions they were computed under and only served while those are current,
 * so a value computed from older data (by a reader that raced the writer) is never served:
 * never stale after the writer's response. Nicknames appear in all three, so they also carry
 * the users version, bumped when a user event changes a nickname or status.
 */
export function createRoomCache(cache: Cache) {
  /**
   * One round trip: the version keys and the entry together. An entry is `tag\n` + JSON; it is
   * a hit only while its tag matches the current versions.
   */
  async function read<T>(versionKey: string, entryKey: string, load: () => Promise<T | undefined>) {
    const [version, users, entry] = await cache.mget([versionKey, USERS_VERSION, entryKey]);
    const tag = `${version ?? '0'}.${users ?? '0'}`;
    if (entry !== null && entry !== undefined) {
      const cut = entry.indexOf('\n');
      if (entry.slice(0, cut) === tag) return entry.slice(cut + 1) as Json;
    }
    const value = await load();
    if (value === undefined) return undefined;
    const json = toJson(value);
    await cache.set(entryKey, `${tag}\n${json}`, { ttlMs: ENTRY_TTL_MS });
    return json;
  }

  async function bump(keys: Iterable<string>): Promise<void> {
    await Promise.all([...new Set(keys)].map((key) => cache.incr(key, 1, { ttlMs: VERSION_TTL_MS })));
  }

  const listVersion = (userId: number) => `chat:list:v:${userId}`;
  const detailVersion = (roomId: number) => `chat:detail:v:${roomId}`;
  const pageVersion = (roomId: number) => `chat:page:v:${roomId}`;

  return {
    async list(userId: number, load: () => Promise<RoomSummary[]>): Promise<Json> {
      return (await read(listVersion(userId), `chat:list:${userId}`, load)) as Json;
    },
    detail: (roomId: number, load: () => Promise<RoomDetail | undefined>) =>
      read(detailVersion(roomId), `chat:detail:${roomId}`, load),
    /** The newest `size` messages of a room (what opening a room shows). */
    async latestPage(roomId: number, size: number, load: () => Promise<unknown>): Promise<Json> {
      return (await read(pageVersion(roomId), `chat:page:${roomId}:${size}`, load)) as Json;
    },
    /** The room lists of these users changed (new message, read mark, membership). */
    invalidateLists: (userIds: Iterable<number>) => bump([...userIds].map(listVersion)),
    /** The room's detail changed (membership). */
    invalidateDetail: (roomId: number) => bump([detailVersion(roomId)]),
    /** New messages were stored in these rooms. */
    invalidatePages: (roomIds: Iterable<number>) => bump([...roomIds].map(pageVersion)),
    /** A user's nickname or status changed: every cached list, detail and page may show it. */
    invalidateUsers: () => bump([USERS_VERSION]),
  };
}

export type RoomCache = ReturnType<typeof createRoomCache>;
