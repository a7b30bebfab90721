import type { Notification, SocialUser } from '@chat/contracts';
import type { NotificationRow } from './notifications.repository.ts';

/** A stored notification as its recipient sees it, with its actor as the social pages show users. */
export function presentNotification(row: NotificationRow, actor: SocialUser): Notification {
  return {
    id: row.id,
    kind: row.kind,
    actor,
    postId: row.post_id,
    commentId: row.comment_id,
    entryId: row.entry_id,
    reaction: row.reaction,
    read: row.read,
    createdAt: row.created_at.toISOString(),
  };
}
