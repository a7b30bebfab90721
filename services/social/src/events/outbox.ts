import { encodeSocialEvent, SOCIAL_EVENTS_TOPIC, type SocialEvent } from '@chat/contracts';
import { createKeyedOutbox, type NewEvent, type SqlExecutor } from '@chat/platform';

/** A social event as the code describes it; identity and time are added by recordEvent. */
export type NewSocialEvent = NewEvent<SocialEvent>;

/** Everything about a post keeps its order per post; follows per follower, visits per owner. */
function keyOf(event: SocialEvent): string {
  switch (event.type) {
    case 'Followed':
    case 'Unfollowed':
      return `user:${event.followerId}`;
    case 'FollowRequested':
      return `user:${event.requesterId}`;
    case 'RoomVisited':
    case 'GuestbookEntryAdded':
      return `user:${event.ownerId}`;
    default:
      return `post:${event.postId}`;
  }
}

const outbox = createKeyedOutbox<SocialEvent>({
  schema: 'social',
  topic: SOCIAL_EVENTS_TOPIC,
  what: 'social events',
  encode: encodeSocialEvent,
  keyOf,
});

/** social.outbox, relayed to SOCIAL_EVENTS_TOPIC. */
export const SOCIAL_OUTBOX = outbox.table;

/**
 * Records an event in the transaction of the change it reports: it reaches the log if and only
 * if the change commits (the relay appends it afterwards, at least once).
 */
export function recordEvent(tx: SqlExecutor, partial: NewSocialEvent): Promise<SocialEvent> {
  return outbox.record(tx, partial);
}
