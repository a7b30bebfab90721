import { randomUUID } from 'node:crypto';
import type { OrderFulfilled, SystemEvent, SystemEventType } from '@chat/contracts';
import type { EventLog, Logger } from '@chat/platform';
import { encodeCommand, MESSAGES_TOPIC, roomKey } from '../messages/message-log.ts';
import type { UserDirectory } from '../users/user-directory.ts';

/** The Korean sentence of a SYSTEM message, for clients that show its text only. */
export function systemSentence(e: SystemEvent): string {
  const actor = `${e.actor.nickname}님`;
  const users = e.users.map((u) => `${u.nickname}님`).join(', ');
  switch (e.event) {
    case 'MEMBERS_INVITED':
      return `${actor}이 ${users}을 초대했습니다.`;
    case 'MEMBER_LEFT':
      return `${actor}이 나갔습니다.`;
    case 'MEMBER_REMOVED':
      return `${actor}이 ${users}을 내보냈습니다.`;
    case 'ROOM_RENAMED':
      return `${actor}이 채팅방 이름을 '${e.name ?? ''}'(으)로 바꿨습니다.`;
    case 'OWNER_CHANGED':
      return `${users}이 방장이 되었습니다.`;
    case 'ROOM_CLOSED':
      return `${actor}이 채팅방을 닫았습니다.`;
    case 'GIFT_SENT':
      return `${actor}이 ${users}에게 '${e.gift?.itemTitle ?? ''}' 이모티콘을 선물했습니다.`;
  }
}

/**
 * SYSTEM messages (member invited, left, removed, room renamed, owner changed, room closed,
 * a gift sent):
 * appended to the room's log partition after the change committed, so they take their seq in
 * the room's order like any message and reach every member live and in history. The change
 * itself never fails for them: while the log is down the message is skipped, with a warning.
 */
export function createSystemMessages(deps: { log: EventLog; users: UserDirectory; logger: Logger }) {
  const person = async (userId: number) => ({
    userId,
    nickname: (await deps.users.get(userId))?.nickname ?? '(unknown)',
  });
  return {
    async post(
      roomId: number,
      event: SystemEventType,
      actorId: number,
      userIds: readonly number[] = [],
      name?: string,
    ): Promise<void> {
      const system: SystemEvent = {
        event,
        actor: await person(actorId),
        users: await Promise.all(userIds.map(person)),
        ...(name !== undefined ? { name } : {}),
      };
      await append(roomId, actorId, `system-${randomUUID()}`, system).catch((err: unknown) =>
        deps.logger.warn({ err, roomId, event }, 'system message not posted'),
      );
    },

    /**
     * GIFT_SENT in the 1:1 room of a gift's giver and receiver, from the giver. Once per order:
     * its messageKey is `gift-{orderId}`, so a redelivered event stores no second message.
     * Throws when the log is down (the event is retried).
     */
    async postGift(roomId: number, order: OrderFulfilled & { recipientId: number }): Promise<void> {
      const system: SystemEvent = {
        event: 'GIFT_SENT',
        actor: await person(order.buyerId),
        users: [await person(order.recipientId)],
        gift: {
          orderId: order.orderId,
          itemId: order.itemId,
          itemTitle: order.itemTitle,
          message: order.giftMessage,
        },
      };
      await append(roomId, order.buyerId, giftMessageKey(order.orderId), system);
    },
  };

  async function append(roomId: number, senderId: number, messageKey: string, system: SystemEvent) {
    await deps.log.append(MESSAGES_TOPIC, [
      {
        key: roomKey(roomId),
        id: `${senderId}:${messageKey}`,
        value: encodeCommand({
          roomId,
          senderId,
          messageKey,
          content: systemSentence(system),
          type: 'SYSTEM',
          acceptedAt: Date.now(),
          system,
        }),
      },
    ]);
  }
}

/** The messageKey of a gift's GIFT_SENT message: one per order. */
export const giftMessageKey = (orderId: number) => `gift-${orderId}`;

export type SystemMessages = ReturnType<typeof createSystemMessages>;
