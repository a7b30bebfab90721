import type { PubSub } from '@chat/platform';
import type { ChatMessage } from '../messages/message.model.ts';
import type { ReadReceipt } from '../rooms/room.service.ts';

/** Pub/sub channel names: one per room and kind, plus user control for every node. */
export const channels = {
  messages: (roomId: number) => `room.${roomId}.messages`,
  receipts: (roomId: number) => `room.${roomId}.receipts`,
  typing: (roomId: number) => `room.${roomId}.typing`,
  userControl: 'chat.user-control',
} as const;

export interface TypingEvent {
  roomId: number;
  userId: number;
  nickname: string;
}

/** Sends to every chat node through pub/sub; each node writes to its own subscribers. */
export function createBroadcaster(pubsub: PubSub) {
  return {
    /** One pub/sub message per room per batch, messages in seq order. */
    async publishMessages(messages: readonly ChatMessage[]): Promise<void> {
      const byRoom = new Map<number, ChatMessage[]>();
      for (const m of messages) {
        const list = byRoom.get(m.roomId) ?? [];
        list.push(m);
        byRoom.set(m.roomId, list);
      }
      await Promise.all(
        [...byRoom].map(([roomId, list]) =>
          pubsub.publish(channels.messages(roomId), JSON.stringify(list.sort((a, b) => a.seq - b.seq))),
        ),
      );
    },
    publishReceipt: (r: ReadReceipt) => pubsub.publish(channels.receipts(r.roomId), JSON.stringify(r)),
    publishTyping: (t: TypingEvent) => pubsub.publish(channels.typing(t.roomId), JSON.stringify(t)),
    /** Every node closes the user's sockets (suspended or deleted). */
    disconnectUser: (userId: number, reason: string) =>
      pubsub.publish(channels.userControl, JSON.stringify({ userId, reason })),
  };
}

export type RoomBroadcaster = ReturnType<typeof createBroadcaster>;
