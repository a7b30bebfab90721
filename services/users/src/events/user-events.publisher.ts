import { randomUUID } from 'node:crypto';
import { encodeUserEvent, USERS_EVENTS_TOPIC, type UserEvent } from '@chat/contracts';
import type { EventLog, Logger } from '@chat/platform';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type NewUserEvent = DistributiveOmit<UserEvent, 'eventId' | 'occurredAt'>;

export interface UserEventPublisher {
  /** Makes sure the topic exists (at start). */
  ready(): Promise<void>;
  /**
   * Appends the event keyed by userId. Called after the change is committed; a failing append is
   * retried, then logged: the change stands (consumers must not be the only line of defence).
   */
  publish(event: NewUserEvent, occurredAt?: number): Promise<UserEvent>;
}

const RETRY_DELAYS_MS = [50, 250, 1000];

export function createUserEventPublisher(
  log: EventLog,
  logger: Logger,
  now: () => number = Date.now,
): UserEventPublisher {
  let topic: Promise<unknown> | undefined;
  const ready = async () => {
    topic ??= log.ensureTopic(USERS_EVENTS_TOPIC).catch((err: unknown) => {
      topic = undefined;
      throw err;
    });
    await topic;
  };
  return {
    ready,
    async publish(partial, occurredAt = now()) {
      const event = { ...partial, eventId: randomUUID(), occurredAt } as UserEvent;
      const record = {
        key: String(event.userId),
        value: encodeUserEvent(event),
        id: event.eventId,
        headers: { type: event.type },
      };
      for (let attempt = 0; ; attempt++) {
        try {
          await ready();
          await log.append(USERS_EVENTS_TOPIC, [record]);
          return event;
        } catch (err) {
          const delay = RETRY_DELAYS_MS[attempt];
          if (delay === undefined) {
            logger.error(
              { err, event: event.type, userId: event.userId, eventId: event.eventId },
              'user event lost',
            );
            return event;
          }
          await new Promise((r) => setTimeout(r, delay));
        }
      }
    },
  };
}
