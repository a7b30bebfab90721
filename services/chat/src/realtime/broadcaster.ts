import type {
  ChatMessage,
  MessageChange,
  ReadReceipt,
  TypingEvent,
  UserControlNotice,
} from '@chat/contracts';
import type { PubSub } from '@chat/platform';

/** Pub/sub channel names: one per room and kind, plus user control for every node. */
export const channels = {
  messages: (roomId: number) => `room.${roomId}.messages`,
  receipts: (roomId: number) => `room.${roomId}.receipts`,
  typing: (roomId: number) => `room.${roomId}.typing`,
  changes: (roomId: number) => `room.${roomId}.changes`,
  userControl: 'chat.user-control',
} as const;

/**
 * Sends to every chat node through pub/sub; each node writes to its own subscribers. Payloads
 * are the contract's pub/sub shapes (@chat/contracts chat/pubsub.ts), checked on receipt.
 */
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
    /** One pub/sub message per room per batch, changes in changeSeq order. */
    async publishChanges(changes: readonly MessageChange[]): Promise<void> {
      const byRoom = new Map<number, MessageChange[]>();
      for (const c of changes) byRoom.set(c.roomId, [...(byRoom.get(c.roomId) ?? []), c]);
      await Promise.all(
        [...byRoom].map(([roomId, list]) =>
          pubsub.publish(
            channels.changes(roomId),
            JSON.stringify(list.sort((a, b) => a.changeSeq - b.changeSeq)),
          ),
        ),
      );
    },
    publishReceipt: (r: ReadReceipt) => pubsub.publish(channels.receipts(r.roomId), JSON.stringify(r)),
    publishTyping: (t: TypingEvent) => pubsub.publish(channels.typing(t.roomId), JSON.stringify(t)),
    /** Every node closes the user's sockets (suspended or deleted). */
    disconnectUser: (userId: number, reason: string) => {
      const notice: UserControlNotice = { userId, reason };
      return pubsub.publish(channels.userControl, JSON.stringify(notice));
    },
  };
}

export type RoomBroadcaster = ReturnType<typeof createBroadcaster>;
