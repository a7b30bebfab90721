import { randomUUID } from 'node:crypto';
import type { Cache, Logger, PubSub } from '@chat/platform';
import type { MembershipCache } from '../rooms/membership.ts';
import type { RoomRepository } from '../rooms/room.repository.ts';
import { createPresenceEvents, type PresenceWatcher } from './presence-events.ts';
import { createPeerCache } from './presence-peers.ts';
import { createKeyedQueue } from './presence-queue.ts';
import { createPresenceStore, presenceTimings } from './presence-store.ts';

/** A closed last session waits this long before OFFLINE, so a page reload does not flap. */
const OFFLINE_GRACE_MS = 1000;

export interface PresenceDeps {
  cache: Cache;
  pubsub: PubSub;
  rooms: Pick<RoomRepository, 'coMemberships' | 'memberIds'>;
  membership: MembershipCache;
  logger: Logger;
  ttlMs: number;
  /** The user id of every session open on this node right now (one entry per session). */
  localSessions: () => Iterable<number>;
  graceMs?: number;
  /** The user went OFFLINE: record their last seen; the time to show (ISO), or null when hidden. */
  onOffline?: (userId: number) => Promise<string | null>;
}

/**
 * Who is online, across nodes (see docs/services/chat.md, Presence). This node counts its own
 * sessions per user; while it has any (or within the grace after the last one), it holds the
 * user in the shared cache (presence-store.ts), which says when a user goes ONLINE or
 * OFFLINE anywhere; those transitions are published and delivered to co-members on every node.
 * A timer refreshes this node's liveness and its users' TTLs, re-counts its sessions from the
 * STOMP server (repairing any missed open/close), and sweeps dead nodes.
 */
export function createPresence(deps: PresenceDeps) {
  const timings = presenceTimings(deps.ttlMs);
  const graceMs = deps.graceMs ?? Math.min(OFFLINE_GRACE_MS, Math.floor(deps.ttlMs / 4));
  const store = createPresenceStore(deps.cache, randomUUID(), timings);
  const peers = createPeerCache({ rooms: deps.rooms, membership: deps.membership, logger: deps.logger });
  const events = createPresenceEvents({ pubsub: deps.pubsub, peers, logger: deps.logger });
  const queue = createKeyedQueue<number>((err, userId) =>
    deps.logger.warn({ err, userId }, 'presence update failed; the next tick retries'),
  );
  /** Open sessions per user on this node. */
  const sessions = new Map<number, number>();
  const grace = new Map<number, NodeJS.Timeout>();
  /** Users this node has counted in the shared cache. */
  const held = new Set<number>();
  let timer: NodeJS.Timeout | undefined;
  let ticking: Promise<void> | undefined;

  /** OFFLINE for everyone who shares a room, with the last seen the user lets them see. */
  async function offline(userId: number): Promise<void> {
    const lastSeenAt = await deps.onOffline?.(userId).catch((err: unknown) => {
      deps.logger.warn({ err, userId }, 'last seen not recorded');
      return null;
    });
    await events.publish(userId, 'OFFLINE', lastSeenAt ?? undefined);
  }

  const wanted = (userId: number) => (sessions.get(userId) ?? 0) > 0 || grace.has(userId);

  /** Brings the cache in line with this node's sessions of the user (idempotent, in order). */
  function reconcile(userId: number): Promise<void> {
    return queue.push(userId, async () => {
      if (wanted(userId) && !held.has(userId)) {
        held.add(userId);
        if (await store.join(userId)) await events.publish(userId, 'ONLINE');
      } else if (!wanted(userId) && held.has(userId)) {
        held.delete(userId);
        if (await store.leave(userId)) await offline(userId);
      }
    });
  }

  function cancelGrace(userId: number) {
    const t = grace.get(userId);
    if (t) clearTimeout(t);
    grace.delete(userId);
  }

  /**
   * Sessions as the STOMP server sees them: repairs a close or open this module missed (a
   * socket that closed while its CONNECT was being authenticated never opens nor disconnects).
   * `connected` runs as the session opens (the STOMP server's onConnect hook, in the same
   * synchronous step), so the two views agree whenever this runs; a timer callback is used.
   */
  function recount() {
    const actual = new Map<number, number>();
    for (const userId of deps.localSessions()) actual.set(userId, (actual.get(userId) ?? 0) + 1);
    for (const userId of sessions.keys()) if (!actual.has(userId)) sessions.delete(userId);
    for (const [userId, n] of actual) {
      sessions.set(userId, n);
      cancelGrace(userId);
    }
    for (const userId of new Set([...sessions.keys(), ...held])) {
      if (wanted(userId) !== held.has(userId)) void reconcile(userId);
    }
  }

  async function tick() {
    // First, synchronously (see recount).
    recount();
    if (await store.heartbeat()) {
      // This node was swept (it stalled past the liveness TTL): count its users again.
      for (const userId of held) {
        void queue.push(userId, async () => {
          if (held.has(userId) && (await store.rejoin(userId))) await events.publish(userId, 'ONLINE');
        });
      }
    }
    for (const userId of await store.refresh([...held])) {
      // The count vanished (cache data lost): put this node's share back.
      void queue.push(userId, async () => {
        if (held.has(userId) && (await store.join(userId))) await events.publish(userId, 'ONLINE');
      });
    }
    await store.sweep((userId) => offline(userId));
  }

  return {
    /** A session of the user completed CONNECT on this node. Synchronous on purpose. */
    connected(userId: number): void {
      sessions.set(userId, (sessions.get(userId) ?? 0) + 1);
      cancelGrace(userId);
      void reconcile(userId);
    },
    /** A session of the user closed on this node (clean, dropped or heart-beats stopped). */
    disconnected(userId: number): void {
      const n = (sessions.get(userId) ?? 0) - 1;
      if (n > 0) {
        sessions.set(userId, n);
        return;
      }
      sessions.delete(userId);
      if (graceMs <= 0 || grace.has(userId)) {
        void reconcile(userId);
        return;
      }
      const t = setTimeout(() => {
        grace.delete(userId);
        void reconcile(userId);
      }, graceMs);
      t.unref();
      grace.set(userId, t);
    },
    watch: (session: PresenceWatcher) => events.watch(session),
    unwatch: (session: PresenceWatcher) => events.unwatch(session),

    async isOnline(userId: number): Promise<boolean> {
      const [count] = await store.countOf([userId]);
      return (count ?? 0) > 0;
    },
    /** Members of the room online on any node, ascending. */
    async online(roomId: number): Promise<number[]> {
      const members = await deps.membership.members(roomId);
      const counts = await store.countOf(members);
      return members.filter((_, i) => (counts[i] ?? 0) > 0).sort((a, b) => a - b);
    },

    async start(): Promise<void> {
      await peers.start();
      await events.start();
      await store.heartbeat();
      timer = setInterval(() => {
        if (ticking) return;
        ticking = tick()
          .catch((err: unknown) => deps.logger.warn({ err }, 'presence tick failed'))
          .finally(() => {
            ticking = undefined;
          });
      }, timings.tickMs);
      timer.unref();
    },
    /** After the STOMP server closed its sessions: this node's users leave (OFFLINE if last). */
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      await ticking;
      for (const userId of grace.keys()) cancelGrace(userId);
      sessions.clear();
      await Promise.all([...held].map(reconcile));
      await queue.drain();
      await store
        .unregister()
        .catch((err: unknown) => deps.logger.warn({ err }, 'presence unregister failed'));
      await events.stop();
      await peers.stop();
    },
  };
}

export type Presence = ReturnType<typeof createPresence>;
