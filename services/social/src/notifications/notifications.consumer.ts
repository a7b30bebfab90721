import { decodeSocialEvent, SOCIAL_EVENTS_TOPIC, type SocialEvent } from '@chat/contracts';
import { createEventConsumer, type EventConsumer, type EventLog, type Logger } from '@chat/platform';
import type { FollowsRepository, Relation } from '../follows/follows.repository.ts';
import type { NotificationNotices } from './notification-notices.ts';
import { planNotifications, viewersToCheck } from './notification-rules.ts';
import type { NotificationsRepository } from './notifications.repository.ts';

export const SOCIAL_NOTIFICATIONS_GROUP = 'social-notifications';

/** The events that make or remove notifications; the others are skipped unread. */
const RELEVANT: ReadonlySet<string> = new Set<SocialEvent['type']>([
  'Followed',
  'Unfollowed',
  'FollowRequested',
  'PostCreated',
  'PostEdited',
  'PostDeleted',
  'CommentAdded',
  'CommentDeleted',
  'ReactionAdded',
  'ReactionRemoved',
  'GuestbookEntryAdded',
]);

/**
 * Notifications from the social service's events (social.events, group 'social-notifications'):
 * each event is planned (notification-rules.ts), its removals applied, its notifications stored
 * once each (a unique subject per recipient and kind), and only those that are new are told
 * live. A redelivered event therefore changes nothing and tells no one twice.
 */
export function createNotificationsConsumer(deps: {
  log: EventLog;
  repo: Pick<NotificationsRepository, 'insert' | 'remove'>;
  follows: Pick<FollowsRepository, 'relation'>;
  notices: NotificationNotices;
  logger: Logger;
}): EventConsumer {
  /** What the users whose notification depends on it are to the post's author (read now). */
  async function relationsFor(event: SocialEvent): Promise<Map<number, Relation>> {
    const check = viewersToCheck(event);
    if (!check) return new Map();
    const rels = await Promise.all(check.userIds.map((id) => deps.follows.relation(id, check.authorId)));
    return new Map(check.userIds.map((id, i) => [id, rels[i]!]));
  }

  async function apply(event: SocialEvent): Promise<void> {
    const plan = planNotifications(event, await relationsFor(event));
    const fewerUnread = new Set<number>();
    for (const removal of plan.remove) {
      for (const userId of await deps.repo.remove(removal)) fewerUnread.add(userId);
    }
    const created = await deps.repo.insert(event, plan.add);
    await deps.notices.countChanged([...fewerUnread]);
    await deps.notices.created(created);
  }

  return createEventConsumer({
    log: deps.log,
    topic: SOCIAL_EVENTS_TOPIC,
    group: SOCIAL_NOTIFICATIONS_GROUP,
    what: 'social event (notifications)',
    decode: decodeSocialEvent,
    types: RELEVANT,
    apply,
    logger: deps.logger,
  });
}
