// Follow requests waiting for my answer: the list as read page by page, and the live notice of
// a new request (a FOLLOW_REQUEST notification on /user/queue/notifications) put on top.
import type { NotificationEvent, UserPage } from '../api/types.ts';

export type Requester = UserPage['users'][number];

/**
 * The list after a live notification event: a FOLLOW_REQUEST's actor goes first, once (a
 * request asked again after a decline is one row). Any other event, or a list not read yet
 * (null), stays as it is.
 */
export function requestsAfterEvent(list: Requester[] | null, event: NotificationEvent): Requester[] | null {
  if (list === null || event.type !== 'NOTIFICATION' || event.notification.kind !== 'FOLLOW_REQUEST')
    return list;
  const { actor, createdAt } = event.notification;
  return [{ ...actor, since: createdAt }, ...list.filter((u) => u.id !== actor.id)];
}

/** The list with a page added: the first page replaces it, the next ones append (no repeats). */
export function requestsWithPage(list: Requester[] | null, page: Requester[], first: boolean): Requester[] {
  const kept = first ? [] : (list ?? []);
  const seen = new Set(kept.map((u) => u.id));
  return [...kept, ...page.filter((u) => !seen.has(u.id))];
}
