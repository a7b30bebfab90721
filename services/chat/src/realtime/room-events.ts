import {
  decodeRoomListNotice,
  type RoomEvent,
  type RoomEventType,
  type RoomListNotice,
  type RoomSummary,
} from '@chat/contracts';
import type { Logger, PubSub } from '@chat/platform';
import type { StompSession } from '@chat/stomp';
import type { ChatPrincipal } from './stomp-gateway.ts';

/** The per-user destination a client subscribes to for its room list. */
export const ROOMS_DESTINATION = '/user/queue/rooms';
/** Pub/sub channel: every chat node hears every room-list change and tells its own sessions. */
export const ROOM_EVENTS_CHANNEL = 'chat.user-rooms';

export interface RoomEventsDeps {
  pubsub: PubSub;
  sessions: () => Iterable<StompSession<ChatPrincipal>>;
  /** The room as it shows in the user's list, read when the notice arrives (fresh after the change). */
  listItem: (userId: number, roomId: number) => Promise<RoomSummary | undefined>;
  logger: Logger;
}

const subscribed = (session: StompSession<ChatPrincipal>) => {
  for (const sub of session.subscriptions()) if (sub.destination === ROOMS_DESTINATION) return true;
  return false;
};

/**
 * Live room-list changes per user. The node that changed a membership publishes a notice on
 * ROOM_EVENTS_CHANNEL; every node writes the event to its own sessions of those users that
 * subscribed to ROOMS_DESTINATION (a user's tabs may sit on several nodes), reading the room's
 * list item once per user. A lost notice costs liveness only: the next list load has the room.
 */
export function createRoomEvents(deps: RoomEventsDeps) {
  let unsubscribe: (() => Promise<void>) | undefined;

  async function deliver(notice: RoomListNotice): Promise<void> {
    const wanted = new Set(notice.userIds);
    const byUser = new Map<number, StompSession<ChatPrincipal>[]>();
    for (const session of deps.sessions()) {
      const { userId } = session.principal;
      if (!wanted.has(userId) || !subscribed(session)) continue;
      byUser.set(userId, [...(byUser.get(userId) ?? []), session]);
    }
    await Promise.all(
      [...byUser].map(async ([userId, sessions]) => {
        let event: RoomEvent = { type: 'ROOM_REMOVED', roomId: notice.roomId };
        if (notice.type === 'MESSAGE_HIDDEN') {
          if (notice.messageId === undefined) return;
          event = { type: 'MESSAGE_HIDDEN', roomId: notice.roomId, messageId: notice.messageId };
        } else if (notice.type === 'ROOM_READ') {
          if (notice.messageId === undefined) return;
          event = { type: 'ROOM_READ', roomId: notice.roomId, lastReadMessageId: notice.messageId };
        } else if (notice.type === 'ROOM_ADDED') {
          const room = await deps.listItem(userId, notice.roomId);
          if (!room) return; // left again meanwhile: a ROOM_REMOVED follows
          event = { type: 'ROOM_ADDED', roomId: notice.roomId, room };
        }
        const body = JSON.stringify(event);
        for (const session of sessions) session.send(ROOMS_DESTINATION, body);
      }),
    );
  }

  function onNotice(payload: string): void {
    let notice: RoomListNotice;
    try {
      notice = decodeRoomListNotice(payload);
    } catch (err) {
      deps.logger.warn({ err }, 'ignored an invalid room event notice');
      return;
    }
    deliver(notice).catch((err: unknown) =>
      deps.logger.error({ err, roomId: notice.roomId }, 'room event not delivered'),
    );
  }

  return {
    async start() {
      unsubscribe = await deps.pubsub.subscribe(ROOM_EVENTS_CHANNEL, onNotice);
    },
    async stop() {
      await unsubscribe?.();
    },
    /** Tells every node; never fails the change that caused it (the list load still has it). */
    async publish(
      type: RoomEventType,
      roomId: number,
      userIds: readonly number[],
      messageId?: number,
    ): Promise<void> {
      if (userIds.length === 0) return;
      const notice: RoomListNotice = {
        type,
        roomId,
        userIds: [...userIds],
        ...(messageId ? { messageId } : {}),
      };
      await deps.pubsub
        .publish(ROOM_EVENTS_CHANNEL, JSON.stringify(notice))
        .catch((err: unknown) => deps.logger.warn({ err, roomId }, 'room event not published'));
    },
  };
}

export type RoomEvents = ReturnType<typeof createRoomEvents>;
