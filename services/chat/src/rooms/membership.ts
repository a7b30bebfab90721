import { decodeMembershipChanged } from '@chat/contracts';
import type { Logger, PubSub } from '@chat/platform';
import type { RoomRepository } from './room.repository.ts';

/** Pub/sub channel of membership changes: the room id, as a JSON number. */
export const MEMBERSHIP_CHANNEL = 'chat.membership';
const TTL_MS = 60_000;
const MAX_ROOMS = 50_000;

interface Entry {
  exists: boolean;
  closed: boolean;
  members: Set<number>;
  loadedAt: number;
}

/**
 * Who is in which room, cached per node for the hot path (every SEND and SUBSCRIBE). Any node
 * that changes a membership publishes the room id; every node drops its copy, so a change is
 * seen everywhere as soon as the writer's response is sent. Entries also expire after a minute.
 */
export function createMembershipCache(rooms: RoomRepository, pubsub: PubSub, logger: Logger) {
  const entries = new Map<number, Entry>();
  const loading = new Map<number, Promise<Entry>>();
  /** Last invalidation per room: a load that started before it must not be cached. */
  const invalidated = new Map<number, number>();
  let unsubscribe: (() => Promise<void>) | undefined;
  const listeners = new Set<(roomId: number) => void>();

  async function load(roomId: number): Promise<Entry> {
    const started = performance.now();
    const room = await rooms.find(roomId);
    const entry: Entry = {
      exists: room !== undefined,
      closed: room?.closed_at != null,
      members: new Set(room ? await rooms.memberIds(roomId) : []),
      loadedAt: Date.now(),
    };
    if ((invalidated.get(roomId) ?? -1) >= started) return entry;
    if (entries.size >= MAX_ROOMS) entries.delete(entries.keys().next().value!);
    entries.set(roomId, entry);
    return entry;
  }

  function invalidate(roomId: number) {
    entries.delete(roomId);
    invalidated.set(roomId, performance.now());
    if (invalidated.size > MAX_ROOMS) invalidated.delete(invalidated.keys().next().value!);
  }

  async function get(roomId: number): Promise<Entry> {
    const entry = entries.get(roomId);
    if (entry && Date.now() - entry.loadedAt < TTL_MS) return entry;
    let pending = loading.get(roomId);
    if (!pending) {
      pending = load(roomId).finally(() => loading.delete(roomId));
      loading.set(roomId, pending);
    }
    return pending;
  }

  return {
    async start() {
      unsubscribe = await pubsub.subscribe(MEMBERSHIP_CHANNEL, (message) => {
        // Pub/sub payloads cross a process boundary: checked on receipt, a malformed one dropped.
        let roomId: number;
        try {
          roomId = decodeMembershipChanged(message);
        } catch (err) {
          logger.warn({ err, channel: MEMBERSHIP_CHANNEL }, 'malformed membership change ignored');
          return;
        }
        invalidate(roomId);
        for (const listener of listeners) listener(roomId);
      });
    },
    async stop() {
      await unsubscribe?.();
    },
    /** 'member', 'not-member' or 'no-room'. */
    async check(roomId: number, userId: number): Promise<'member' | 'not-member' | 'no-room'> {
      const entry = await get(roomId);
      if (!entry.exists) return 'no-room';
      return entry.members.has(userId) ? 'member' : 'not-member';
    },
    /** Whether the room's owner closed it (it takes no new messages). */
    async closed(roomId: number): Promise<boolean> {
      return (await get(roomId)).closed;
    },
    async members(roomId: number): Promise<readonly number[]> {
      return [...(await get(roomId)).members];
    },
    /**
     * Calls `listener` on this node whenever any node changed a room's members (the writer's
     * node too: it receives its own broadcast). Returns a function that removes it.
     */
    onChange(listener: (roomId: number) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Called by the writer after committing a membership change. */
    async changed(roomId: number): Promise<void> {
      invalidate(roomId);
      await pubsub.publish(MEMBERSHIP_CHANNEL, String(roomId));
    },
  };
}

export type MembershipCache = ReturnType<typeof createMembershipCache>;
