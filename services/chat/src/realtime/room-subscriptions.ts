import { Errors, type Logger } from '@chat/platform';
import type { StompSession } from '@chat/stomp';
import type { RoomFanout, RoomTopicKind } from './room-fanout.ts';
import { toStompError, userError } from './stomp-errors.ts';

interface Held {
  readonly session: StompSession<{ userId: number }>;
  readonly subscriptionId: string;
  readonly destination: string;
  readonly roomId: number;
  readonly kind: RoomTopicKind;
}

/**
 * The local subscriptions to room topics, by room and by session. Each one holds its room's
 * fan-out stream under its own key (session + subscription id), and is ended when its user is
 * no longer a member of the room: after a membership change on any node, `revokeNonMembers`
 * unsubscribes them and tells the client (NOT_A_MEMBER on the error queue).
 */
export function createRoomSubscriptions(deps: {
  fanout: RoomFanout;
  isMember: (roomId: number, userId: number) => Promise<boolean>;
  logger: Logger;
}) {
  const byRoom = new Map<number, Set<Held>>();
  const bySession = new Map<string, Map<string, Held>>();
  /** Membership changes seen per room: a subscribe that raced one checks membership again. */
  const changes = new Map<number, number>();

  const holderOf = (h: { session: { id: string }; subscriptionId: string }) =>
    `${h.session.id}/${h.subscriptionId}`;

  function forget(held: Held): void {
    if (bySession.get(held.session.id)?.get(held.subscriptionId) !== held) return;
    bySession.get(held.session.id)?.delete(held.subscriptionId);
    if (bySession.get(held.session.id)?.size === 0) bySession.delete(held.session.id);
    const room = byRoom.get(held.roomId);
    room?.delete(held);
    if (room?.size === 0) byRoom.delete(held.roomId);
    void deps.fanout
      .release(held.kind, held.roomId, holderOf(held))
      .catch((err: unknown) => deps.logger.error({ err, roomId: held.roomId }, 'room stream release failed'));
  }

  return {
    /** Counter of membership changes of `roomId` seen on this node. */
    epoch: (roomId: number): number => changes.get(roomId) ?? 0,

    /** Starts the room stream for a subscription that passed the membership check. */
    async add(
      session: StompSession<{ userId: number }>,
      subscriptionId: string,
      destination: string,
      topic: { roomId: number; kind: RoomTopicKind },
    ): Promise<void> {
      const held: Held = { session, subscriptionId, destination, ...topic };
      await deps.fanout.acquire(topic.kind, topic.roomId, holderOf(held));
      const mine = bySession.get(session.id) ?? new Map<string, Held>();
      bySession.set(session.id, mine.set(subscriptionId, held));
      const room = byRoom.get(topic.roomId) ?? new Set<Held>();
      byRoom.set(topic.roomId, room.add(held));
      // Closed while the stream started: onDisconnect has already run for this session.
      if (!session.isOpen) forget(held);
    },

    /** The subscription ended (UNSUBSCRIBE, refused after all, or revoked). */
    remove(session: StompSession<{ userId: number }>, subscriptionId: string): void {
      const held = bySession.get(session.id)?.get(subscriptionId);
      if (held !== undefined) forget(held);
    },

    removeSession(session: StompSession<{ userId: number }>): void {
      for (const held of [...(bySession.get(session.id)?.values() ?? [])]) forget(held);
    },

    /** Rooms with a live subscription on this node. */
    rooms: (): number[] => [...byRoom.keys()],

    /** A room's members changed somewhere: end the subscriptions of users no longer in it. */
    async revokeNonMembers(roomId: number): Promise<void> {
      changes.set(roomId, (changes.get(roomId) ?? 0) + 1);
      if (changes.size > 100_000) changes.clear();
      const held = byRoom.get(roomId);
      if (held === undefined) return;
      const users = new Set([...held].map((h) => h.session.principal.userId));
      for (const userId of users) {
        if (await deps.isMember(roomId, userId)) continue;
        for (const h of [...(byRoom.get(roomId) ?? [])]) {
          if (h.session.principal.userId !== userId) continue;
          h.session.unsubscribe(h.subscriptionId); // its onUnsubscribe forgets it
          forget(h);
          const ended = Errors.noLongerAMember(roomId, h.subscriptionId, h.destination);
          h.session.sendUserError(
            userError(toStompError(ended, deps.logger), {
              roomId,
              destination: h.destination,
              subscription: h.subscriptionId,
            }),
          );
        }
      }
    },
  };
}

export type RoomSubscriptions = ReturnType<typeof createRoomSubscriptions>;
