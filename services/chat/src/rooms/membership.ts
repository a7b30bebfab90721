import { decodeMembershipChanged } from '@chat/contracts';
import type { Logger, PubSub } from '@chat/platform';
import type { RoomRepository } from './room.repository.ts';

/** Pub/sub channel of membership changes: the room id, as a JSON number. */
export const MEMBERSHIP_CHANNEL = 'chat.membership';
const TTL_MS = 60_000;
/** How often the node looks whether pub/sub lost its connection (and notices with it). */
const GAP_CHECK_MS = 1000;
const MAX_ROOMS = 50_000;

interface Entry {
  exists: boolean;
  closed: boolean;
  members: Set<number>;
  loadedAt: number;
  /** pub/sub's continuity when the load started: the entry is trusted while it holds. */
  continuity: number | undefined;
}

/**
 * Who is in which room, cached per node for the hot path (every SEND and SUBSCRIBE). Any node
 * that changes a membership publishes the room id; every node drops its copy, so a change is
 * seen everywhere as soon as the writer's response is sent. Entries also expire after a minute.
 * A node that may have missed a notice (its pub/sub connection was lost) trusts no entry loaded
 * before, and caches nothing while it cannot hear notices: it reads the database instead.
 */
export function createMembershipCache(rooms: RoomRepository, pubsub: PubSub, logger: Logger) {
  const entries = new Map<number, Entry>();
  const loading = new Map<number, Promise<Entry>>();
  /** Last invalidation per room: a load that started before it must not be cached. */
  const invalidated = new Map<number, number>();
  let unsubscribe: (() => Promise<void>) | undefined;
  const listeners = new Set<(roomId: number) => void>();
  const gapListeners = new Set<() => void>();
  let gapTimer: NodeJS.Timeout | undefined;
  let heard = pubsub.continuity();

  /** Pub/sub listens again after a loss: notices may have been missed meanwhile. */
  function checkGap() {
    const now = pubsub.continuity();
    if (now === undefined || now === heard) return;
    heard = now;
    for (const listener of gapListeners) listener();
  }

  async function load(roomId: number): Promise<Entry> {
    const started = performance.now();
    const continuity = pubsub.continuity();
    const room = await rooms.find(roomId);
    const entry: Entry = {
      exists: room !== undefined,
      closed: room?.closed_at != null,
      members: new Set(room ? await rooms.memberIds(roomId) : []),
      loadedAt: Date.now(),
      continuity,
    };
    if (continuity === undefined || (invalidated.get(roomId) ?? -1) >= started) return entry;
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
    if (entry && Date.now() - entry.loadedAt < TTL_MS && entry.continuity === pubsub.continuity())
      return entry;
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
      heard = pubsub.continuity();
      gapTimer = setInterval(checkGap, GAP_CHECK_MS);
      gapTimer.unref();
    },
    async stop() {
      clearInterval(gapTimer);
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
    /**
     * Pub/sub listens again after losing its connection: any room's notice may have been
     * missed, so whatever was decided on a membership (live subscriptions) must be checked again.
     */
    onGap(listener: () => void): () => void {
      gapListeners.add(listener);
      return () => gapListeners.delete(listener);
    },
    /**
     * Called by the writer after committing a membership change. After the change is committed: never fails it. A node that misses the notice because
     * pub/sub is down stops trusting its entries once it notices the loss; only a node still
     * connected while this one cannot publish keeps its entry, at most TTL_MS.
     */
    async changed(roomId: number): Promise<void> {
      invalidate(roomId);
      await pubsub
        .publish(MEMBERSHIP_CHANNEL, String(roomId))
        .catch((err: unknown) => logger.warn({ err, roomId }, 'membership change not published'));
    },
  };
}

export type MembershipCache = ReturnType<typeof createMembershipCache>;
