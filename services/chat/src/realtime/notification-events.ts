import {
  decodeNotificationNotice,
  NOTIFICATIONS_DESTINATION,
  type Notification,
  type NotificationNotice,
  SOCIAL_NOTIFICATIONS_CHANNEL,
  type SocialPushPayload,
} from '@chat/contracts';
import type { Cache, Logger, PubSub } from '@chat/platform';
import type { StompSession } from '@chat/stomp';
import type { ChatPrincipal } from './stomp-gateway.ts';

export interface NotificationEventsDeps {
  pubsub: PubSub;
  sessions: () => Iterable<StompSession<ChatPrincipal>>;
  logger: Logger;
  /** Web Push (when configured): the notification to the user's browsers. */
  push?: (userId: number, payload: SocialPushPayload) => Promise<void>;
  /** Claims the push of a notification: every node hears the notice, one pushes. */
  cache: Pick<Cache, 'set'>;
}

/** How long a claim on a notification's push is kept (a notice comes once; this is ample). */
const PUSH_CLAIM_MS = 60 * 60 * 1000;

function pushPayloadOf(n: Notification): SocialPushPayload {
  return {
    type: 'social',
    notificationId: n.id,
    kind: n.kind,
    actorId: n.actor.id,
    actorNickname: n.actor.nickname,
    postId: n.postId,
    entryId: n.entryId,
    reaction: n.reaction,
  };
}

const subscribed = (session: StompSession<ChatPrincipal>) => {
  for (const sub of session.subscriptions()) if (sub.destination === NOTIFICATIONS_DESTINATION) return true;
  return false;
};

/**
 * Live social notifications. The social service stores a notification, then publishes a notice
 * on SOCIAL_NOTIFICATIONS_CHANNEL (once, when the notification is new); every chat node writes
 * its event to its own sessions of that user subscribed to NOTIFICATIONS_DESTINATION (a user's
 * tabs may sit on several nodes), and one node sends it as a Web Push. A lost notice costs
 * liveness only: the list has it.
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
    if (notice.event.type === 'NOTIFICATION') void pushOnce(notice.userId, notice.event.notification);
  }

  /**
   * The push of a new notification, by the one node that claims it in the shared cache; the
   * service worker shows it only while none of the user's pages is visible (as for messages).
   */
  async function pushOnce(userId: number, n: Notification): Promise<void> {
    if (!deps.push) return;
    try {
      const claimed = await deps.cache.set(`push:notification:${n.id}`, '1', {
        ttlMs: PUSH_CLAIM_MS,
        ifAbsent: true,
      });
      if (claimed) await deps.push(userId, pushPayloadOf(n));
    } catch (err) {
      deps.logger.warn({ err, userId }, 'notification push failed');
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
