import { randomUUID } from 'node:crypto';
import type { RoomDetail, RoomSummary } from '@chat/contracts';
import type { Cache } from '@chat/platform';

const ENTRY_TTL_MS = 60_000;
/**
 * Versions outlive every entry written under them. A bump writes a new random value and
 * renews the TTL, so a version never repeats: a counter that expired would start again at 1
 * and could make an old entry current again.
 */
const VERSION_TTL_MS = 24 * 3600_000;

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
 * tagged with the version they were computed under and only served while it is current, so
 * a value computed from older data (by a reader that raced the writer) is never served:
 * never stale after the writer's response.
 *
 * The cache is an optimisation only: while it is unreachable, reads go to the database and
 * writes skip it (`onUnavailable` hears each failure). Entries written before an outage live
 * at most ENTRY_TTL_MS, so a bump lost during one is stale for no longer than that.
 */
export function createRoomCache(cache: Cache, onUnavailable: (err: unknown) => void = () => undefined) {
  /**
   * One round trip: the version key and the entry together. An entry is `version\n` + JSON;
   * it is a hit only while that version is still the current one.
   */
  async function read<T>(versionKey: string, entryKey: string, load: () => Promise<T | undefined>) {
    const cached = await cache.mget([versionKey, entryKey]).catch((err: unknown) => {
      onUnavailable(err);
      return null;
    });
    if (cached === null) {
      const value = await load();
      return value === undefined ? undefined : toJson(value);
    }
    const [version, entry] = cached;
    const tag = version ?? '0';
    if (entry !== null && entry !== undefined) {
      const cut = entry.indexOf('\n');
      if (entry.slice(0, cut) === tag) return entry.slice(cut + 1) as Json;
    }
    const value = await load();
    if (value === undefined) return undefined;
    const json = toJson(value);
    await cache.set(entryKey, `${tag}\n${json}`, { ttlMs: ENTRY_TTL_MS }).catch(onUnavailable);
    return json;
  }

  /** One command for all of a writer's versions; one new value serves them all. */
  async function bump(keys: readonly string[]): Promise<void> {
    const version = randomUUID();
    await cache
      .setMany(
        [...new Set(keys)].map((key) => [key, version] as const),
        { ttlMs: VERSION_TTL_MS },
      )
      .catch(onUnavailable);
  }

  // `v2`: earlier releases kept counters under `…:v:` and INCR them; a random value there
  // would make their INCR fail while both run during a rolling upgrade.
  const listVersion = (userId: number) => `chat:list:v2:${userId}`;
  const detailVersion = (roomId: number) => `chat:detail:v2:${roomId}`;
  const pageVersion = (roomId: number) => `chat:page:v2:${roomId}`;

  return {
    async list(userId: number, load: () => Promise<RoomSummary[]>): Promise<Json> {
      return (await read(listVersion(userId), `chat:list:${userId}`, load)) as Json;
    },
    /**
     * The room list the cache would serve this user now (its entry under the current
     * version), parsed; undefined when it would load it from the database. For the upkeep that
     * compares it with the database; a cache that cannot answer throws.
     */
    async peekList(userId: number): Promise<RoomSummary[] | undefined> {
      const [version, entry] = await cache.mget([listVersion(userId), `chat:list:${userId}`]);
      if (entry === null || entry === undefined) return undefined;
      const cut = entry.indexOf('\n');
      if (entry.slice(0, cut) !== (version ?? '0')) return undefined;
      return JSON.parse(entry.slice(cut + 1)) as RoomSummary[];
    },
    detail: (roomId: number, load: () => Promise<RoomDetail | undefined>) =>
      read(detailVersion(roomId), `chat:detail:${roomId}`, load),
    /** The newest page of a room's messages (what opening a room shows). */
    async latestPage(roomId: number, size: number, load: () => Promise<unknown>): Promise<Json> {
      return (await read(pageVersion(roomId), `chat:page:${roomId}:${size}`, load)) as Json;
    },
    /**
     * Everything a writer changed, in one command: the room lists of these users (new message,
     * read mark, membership, nickname), the details of these rooms (membership, nickname) and
     * their newest pages (new messages, nickname).
     */
    invalidate(changed: {
      lists?: Iterable<number>;
      details?: Iterable<number>;
      pages?: Iterable<number>;
    }): Promise<void> {
      return bump([
        ...[...(changed.lists ?? [])].map(listVersion),
        ...[...(changed.details ?? [])].map(detailVersion),
        ...[...(changed.pages ?? [])].map(pageVersion),
      ]);
    },
  };
}

export type RoomCache = ReturnType<typeof createRoomCache>;
