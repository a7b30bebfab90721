import { randomUUID } from 'node:crypto';
import { encodeSocialEvent, SOCIAL_EVENTS_TOPIC, type SocialEvent } from '@chat/contracts';
import { currentRequestId, type OutboxTable, REQUEST_ID_HEADER, type SqlExecutor } from '@chat/platform';
import { OUTBOX_SQL } from './outbox.queries.ts';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A social event as the code describes it; identity and time are added by recordEvent. */
export type NewSocialEvent = DistributiveOmit<SocialEvent, 'eventId' | 'occurredAt'>;

interface OutboxRow {
  id: number;
  event_id: string;
  key: string;
  type: string;
  payload: string;
  request_id: string | null;
}

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

/**
 * Records an event in the transaction of the change it reports: it reaches the log if and only
 * if the change commits (the relay appends it afterwards, at least once).
 */
export async function recordEvent(tx: SqlExecutor, partial: NewSocialEvent): Promise<SocialEvent> {
  const event = { ...partial, eventId: randomUUID(), occurredAt: Date.now() } as SocialEvent;
  await tx.query(OUTBOX_SQL.insert, [
    event.eventId,
    keyOf(event),
    event.type,
    encodeSocialEvent(event),
    currentRequestId() ?? null,
  ]);
  return event;
}

/** social.outbox, relayed to SOCIAL_EVENTS_TOPIC. */
export const SOCIAL_OUTBOX: OutboxTable<OutboxRow> = {
  topic: SOCIAL_EVENTS_TOPIC,
  what: 'social events',
  leaseKey: 'social:outbox:relay-lease',
  next: OUTBOX_SQL.next,
  delete: OUTBOX_SQL.delete,
  backlog: OUTBOX_SQL.backlog,
  keyOf: (row) => row.key,
  toRecord(row) {
    const headers: Record<string, string> = { type: row.type };
    if (row.request_id) headers[REQUEST_ID_HEADER] = row.request_id;
    return { key: row.key, value: row.payload, id: row.event_id, headers };
  },
};
