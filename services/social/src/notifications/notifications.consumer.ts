import { decodeSocialEvent, SOCIAL_EVENTS_TOPIC, type SocialEvent } from '@chat/contracts';
import {
  type Consumer,
  type EventLog,
  type Logger,
  type LogRecord,
  PermanentError,
  withRecordRequestId,
} from '@chat/platform';
import type { FollowsRepository, Relation } from '../follows/follows.repository.ts';
import type { NotificationNotices } from './notification-notices.ts';
import { planNotifications, viewersToCheck } from './notification-rules.ts';
import type { NotificationsRepository } from './notifications.repository.ts';

export const SOCIAL_NOTIFICATIONS_GROUP = 'social-notifications';

/** The events that make or remove notifications; the others are skipped unread. */
const RELEVANT = new Set<SocialEvent['type']>([
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
}) {
  let consumer: Consumer | undefined;

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

  async function handle(records: readonly LogRecord[]): Promise<void> {
    for (const record of records) {
      const type = record.headers.type;
      if (type !== undefined && !RELEVANT.has(type as SocialEvent['type'])) continue;
      await withRecordRequestId(record, () => apply(decode(record)));
    }
  }

  return {
    async start() {
      await deps.log.ensureTopic(SOCIAL_EVENTS_TOPIC);
      consumer = await deps.log.consume(SOCIAL_EVENTS_TOPIC, SOCIAL_NOTIFICATIONS_GROUP, handle, {
        batchSize: 100,
        onDeadLetter: (record, err) =>
          deps.logger.error(
            { err, partition: record.partition, offset: record.offset },
            'social event dead-lettered by notifications',
          ),
      });
    },
    async stop() {
      await consumer?.stop();
    },
  };
}

/** An event that does not decode never will: dead-lettered at once, not retried. */
function decode(record: LogRecord): SocialEvent {
  try {
    return decodeSocialEvent(record.value);
  } catch (err) {
    throw new PermanentError(`malformed social event: ${(err as Error).message}`, { cause: err });
  }
}
