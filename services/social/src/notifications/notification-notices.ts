import {
  encodeNotificationNotice,
  type NotificationEvent,
  SOCIAL_NOTIFICATIONS_CHANNEL,
  type UsersClient,
} from '@chat/contracts';
import type { Logger, PubSub } from '@chat/platform';
import { socialUsers } from '../users/social-users.ts';
import { presentNotification } from './notifications.presenter.ts';
import type { NotificationRow, NotificationsRepository } from './notifications.repository.ts';

/**
 * Live notifications: each goes on SOCIAL_NOTIFICATIONS_CHANNEL for the chat nodes, which write
 * it to the recipient's STOMP sessions on /user/queue/notifications, with the unread count after
 * it. Pub/sub is at most once: a notice lost (or not sent because the users service did not
 * answer) costs liveness only, the list has the notification. Never throws.
 */
export function createNotificationNotices(deps: {
  pubsub: PubSub;
  repo: Pick<NotificationsRepository, 'unreadCount'>;
  users: Pick<UsersClient, 'getPublicProfiles'>;
  logger: Logger;
}) {
  const publish = (userId: number, event: NotificationEvent) =>
    deps.pubsub.publish(SOCIAL_NOTIFICATIONS_CHANNEL, encodeNotificationNotice({ userId, event }));

  return {
    /** Newly stored notifications, to their recipients. */
    async created(rows: readonly NotificationRow[]): Promise<void> {
      if (rows.length === 0) return;
      try {
        const actors = await socialUsers(
          deps.users,
          rows.map((r) => r.actor_id),
        );
        for (const row of rows) {
          const unreadCount = await deps.repo.unreadCount(row.recipient_id);
          const notification = presentNotification(row, actors.get(row.actor_id)!);
          await publish(row.recipient_id, { type: 'NOTIFICATION', notification, unreadCount });
        }
      } catch (err) {
        deps.logger.warn({ err, ids: rows.map((r) => r.id) }, 'notification not published');
      }
    },

    /** The unread counts of these users changed (read marks, notifications removed). */
    async countChanged(userIds: readonly number[]): Promise<void> {
      for (const userId of userIds) {
        try {
          await publish(userId, { type: 'UNREAD_COUNT', unreadCount: await deps.repo.unreadCount(userId) });
        } catch (err) {
          deps.logger.warn({ err, userId }, 'unread notification count not published');
        }
      }
    },
  };
}

export type NotificationNotices = ReturnType<typeof createNotificationNotices>;
