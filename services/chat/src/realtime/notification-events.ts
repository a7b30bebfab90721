import {
  decodeNotificationNotice,
  NOTIFICATIONS_DESTINATION,
  type NotificationNotice,
  SOCIAL_NOTIFICATIONS_CHANNEL,
} from '@chat/contracts';
import type { Logger, PubSub } from '@chat/platform';
import type { StompSession } from '@chat/stomp';
import type { ChatPrincipal } from './stomp-gateway.ts';

export interface NotificationEventsDeps {
  pubsub: PubSub;
  sessions: () => Iterable<StompSession<ChatPrincipal>>;
  logger: Logger;
}

const subscribed = (session: StompSession<ChatPrincipal>) => {
  for (const sub of session.subscriptions()) if (sub.destination === NOTIFICATIONS_DESTINATION) return true;
  return false;
};

/**
 * Live social notifications. The social service stores a notification, then publishes a notice
 * on SOCIAL_NOTIFICATIONS_CHANNEL (once, when the notification is new); every chat node writes
 * its event to its own sessions of that user subscribed to NOTIFICATIONS_DESTINATION (a user's
 * tabs may sit on several nodes). A lost notice costs liveness only: the list has it.
 */
export function createNotificationEvents(deps: NotificationEventsDeps) {
  let unsubscribe: (() => Promise<void>) | undefined;

  function onNotice(payload: string): void {
    let notice: NotificationNotice;
    try {
      notice = decodeNotificationNotice(payload);
    } catch (err) {
      deps.logger.warn({ err }, 'ignored an invalid notification notice');
      return;
    }
    const body = JSON.stringify(notice.event);
    for (const session of deps.sessions()) {
      if (session.principal.userId === notice.userId && subscribed(session)) {
        session.send(NOTIFICATIONS_DESTINATION, body);
      }
    }
  }

  return {
    async start() {
      unsubscribe = await deps.pubsub.subscribe(SOCIAL_NOTIFICATIONS_CHANNEL, onNotice);
    },
    async stop() {
      await unsubscribe?.();
    },
  };
}
