import type { Logger } from '@chat/platform';
import type { MembershipCache } from '../rooms/membership.ts';
import type { RoomRepository } from '../rooms/room.repository.ts';

const TTL_MS = 30_000;
const MAX_USERS = 20_000;

interface Entry {
  /** Users sharing at least one room with the user (not the user). */
  peers: Set<number>;
  rooms: number[];
  loadedAt: number;
}

/**
 * Per node: who shares a room with a user, for delivering that user's presence events. Loaded
 * with one query, kept 30 s at most, and dropped when a room of theirs changes: the change
 * names the room, so every cached user of that room (old members) and every current member
 * (new members) is dropped. A load that started before a drop is not kept.
 */
export function createPeerCache(deps: {
  rooms: Pick<RoomRepository, 'coMemberships' | 'memberIds'>;
  membership: Pick<MembershipCache, 'onChange'>;
  logger: Logger;
}) {
  const entries = new Map<number, Entry>();
  const byRoom = new Map<number, Set<number>>();
  const loading = new Map<number, Promise<Entry>>();
  const droppedAt = new Map<number, number>();
  let stopListening: (() => void) | undefined;

  function drop(userId: number) {
    const entry = entries.get(userId);
    if (entry) {
      entries.delete(userId);
      for (const roomId of entry.rooms) {
        const users = byRoom.get(roomId);
        users?.delete(userId);
        if (users?.size === 0) byRoom.delete(roomId);
      }
    }
    loading.delete(userId); // callers from now on get a load that sees the change
    droppedAt.delete(userId);
    droppedAt.set(userId, performance.now());
    if (droppedAt.size > MAX_USERS) droppedAt.delete(droppedAt.keys().next().value!);
  }

  function keep(userId: number, entry: Entry) {
    if (entries.size >= MAX_USERS) drop(entries.keys().next().value!);
    entries.set(userId, entry);
    for (const roomId of entry.rooms) {
      const users = byRoom.get(roomId) ?? new Set<number>();
      users.add(userId);
      byRoom.set(roomId, users);
    }
  }

  async function load(userId: number): Promise<Entry> {
    const started = performance.now();
    const peers = new Set<number>();
    const rooms = new Set<number>();
    for (const r of await deps.rooms.coMemberships(userId)) {
      rooms.add(r.roomId);
      if (r.userId !== userId) peers.add(r.userId);
    }
    const entry: Entry = { peers, rooms: [...rooms], loadedAt: Date.now() };
    if ((droppedAt.get(userId) ?? -1) < started) keep(userId, entry);
    return entry;
  }

  async function roomChanged(roomId: number) {
    for (const userId of [...(byRoom.get(roomId) ?? [])]) drop(userId);
    if (entries.size === 0 && loading.size === 0) return;
    for (const userId of await deps.rooms.memberIds(roomId)) drop(userId);
  }

  return {
    /** Users who share a room with `userId`. */
    async of(userId: number): Promise<ReadonlySet<number>> {
      const entry = entries.get(userId);
      if (entry && Date.now() - entry.loadedAt < TTL_MS) return entry.peers;
      if (entry) drop(userId);
      let pending = loading.get(userId);
      if (!pending) {
        const started = load(userId).finally(() => {
          if (loading.get(userId) === started) loading.delete(userId);
        });
        pending = started;
        loading.set(userId, started);
      }
      return (await pending).peers;
    },
    async start() {
      stopListening = deps.membership.onChange((roomId) => {
        roomChanged(roomId).catch((err: unknown) =>
          deps.logger.warn({ err, roomId }, 'presence peers: membership change not applied'),
        );
      });
    },
    async stop() {
      stopListening?.();
      entries.clear();
      byRoom.clear();
    },
  };
}

export type PeerCache = ReturnType<typeof createPeerCache>;
