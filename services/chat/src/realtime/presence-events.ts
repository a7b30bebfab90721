import { decodePresenceEvent, type PresenceEvent, type PresenceStatus } from '@chat/contracts';
import type { Logger, PubSub, Unsubscribe } from '@chat/platform';
import type { PeerCache } from './presence-peers.ts';
import { createKeyedQueue } from './presence-queue.ts';

export const PRESENCE_CHANNEL = 'chat.presence';
export const PRESENCE_DESTINATION = '/topic/presence';

/** A local STOMP session subscribed to /topic/presence (StompSession fits). */
export interface PresenceWatcher {
  readonly principal: { readonly userId: number };
  send(destination: string, body: string): number;
}

/**
 * Presence events: published once per transition to every node; each node writes them to its
 * own `/topic/presence` subscribers who share a room with the user. Nodes without such
 * subscribers do no work. Events of one user are delivered in the order they arrived.
 */
export function createPresenceEvents(deps: { pubsub: PubSub; peers: PeerCache; logger: Logger }) {
  const watchers = new Map<number, Set<PresenceWatcher>>();
  const queue = createKeyedQueue<number>((err, userId) =>
    deps.logger.warn({ err, userId }, 'presence event not delivered'),
  );
  let unsubscribe: Unsubscribe | undefined;

  async function deliver(event: PresenceEvent) {
    if (watchers.size === 0) return;
    const peers = await deps.peers.of(event.userId);
    const body = JSON.stringify({
      userId: event.userId,
      status: event.status,
      timestamp: event.timestamp,
      ...(event.lastSeenAt ? { lastSeenAt: event.lastSeenAt } : {}),
    });
    if (peers.size <= watchers.size) {
      for (const peer of peers) for (const w of watchers.get(peer) ?? []) w.send(PRESENCE_DESTINATION, body);
    } else {
      for (const [userId, set] of watchers) {
        if (peers.has(userId)) for (const w of set) w.send(PRESENCE_DESTINATION, body);
      }
    }
  }

  return {
    async publish(userId: number, status: PresenceStatus, lastSeenAt?: string): Promise<void> {
      const event: PresenceEvent = {
        userId,
        status,
        timestamp: Date.now(),
        ...(lastSeenAt ? { lastSeenAt } : {}),
      };
      await deps.pubsub.publish(PRESENCE_CHANNEL, JSON.stringify(event));
    },
    /** The session subscribed to /topic/presence. */
    watch(session: PresenceWatcher) {
      const set = watchers.get(session.principal.userId) ?? new Set<PresenceWatcher>();
      set.add(session);
      watchers.set(session.principal.userId, set);
    },
    /** The session closed or dropped its last /topic/presence subscription. */
    unwatch(session: PresenceWatcher) {
      const set = watchers.get(session.principal.userId);
      set?.delete(session);
      if (set?.size === 0) watchers.delete(session.principal.userId);
    },
    async start() {
      unsubscribe = await deps.pubsub.subscribe(PRESENCE_CHANNEL, (payload) => {
        // Pub/sub payloads cross a process boundary: checked on receipt, a malformed one dropped.
        let event: PresenceEvent;
        try {
          event = decodePresenceEvent(payload);
        } catch (err) {
          deps.logger.warn({ err, channel: PRESENCE_CHANNEL }, 'malformed presence event ignored');
          return;
        }
        void queue.push(event.userId, () => deliver(event));
      });
    },
    async stop() {
      await unsubscribe?.();
      await queue.drain();
      watchers.clear();
    },
  };
}

export type PresenceEvents = ReturnType<typeof createPresenceEvents>;
