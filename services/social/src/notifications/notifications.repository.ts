import type { NotificationKind } from '@chat/contracts';
import type { SqlExecutor } from '@chat/platform';
import type { NotificationDraft, NotificationRemoval } from './notification-rules.ts';
import { NOTIFICATIONS_SQL } from './notifications.queries.ts';

/** A stored notification, its actor still an id. */
export interface NotificationRow {
  id: number;
  recipient_id: number;
  kind: NotificationKind;
  actor_id: number;
  post_id: number | null;
  comment_id: number | null;
  entry_id: number | null;
  reaction: string | null;
  read: boolean;
  created_at: Date;
}

const orNull = (v: number | string | null) => (v === null ? null : Number(v));

/** int8 columns may come back as strings: numbers here. */
function toRow(r: NotificationRow): NotificationRow {
  return {
    ...r,
    id: Number(r.id),
    recipient_id: Number(r.recipient_id),
    actor_id: Number(r.actor_id),
    post_id: orNull(r.post_id),
    comment_id: orNull(r.comment_id),
    entry_id: orNull(r.entry_id),
  };
}

/** social.notifications. SQL: notifications.queries.ts. */
export function createNotificationsRepository(db: SqlExecutor) {
  return {
    /**
     * Stores an event's notifications; returns those that are new (none on a redelivery). A
     * reaction stored before takes the new kind of reaction (a user changed theirs).
     */
    async insert(
      event: { eventId: string; occurredAt: number },
      drafts: readonly NotificationDraft[],
    ): Promise<NotificationRow[]> {
      if (drafts.length === 0) return [];
      const { rows } = await db.query<NotificationRow>(NOTIFICATIONS_SQL.insert, [
        drafts.map((d) => d.recipientId),
        drafts.map((d) => d.kind),
        drafts.map((d) => d.subject),
        drafts.map((d) => d.actorId),
        drafts.map((d) => d.postId),
        drafts.map((d) => d.commentId),
        drafts.map((d) => d.entryId),
        drafts.map((d) => d.reaction),
        event.eventId,
        event.occurredAt,
      ]);
      const created = rows.map(toRow);
      const isNew = new Set(created.map((r) => `${r.recipient_id}:${r.kind}`));
      for (const d of drafts) {
        if (d.reaction === null || isNew.has(`${d.recipientId}:${d.kind}`)) continue;
        await db.query(NOTIFICATIONS_SQL.updateReaction, [d.recipientId, d.kind, d.subject, d.reaction]);
      }
      return created;
    },

    /** Removes notifications; returns the recipients whose unread count went down. */
    async remove(removal: NotificationRemoval): Promise<number[]> {
      const [sql, params] =
        removal.by === 'actor'
          ? [NOTIFICATIONS_SQL.removeByActor, [removal.recipientId, removal.actorId, removal.kind]]
          : removal.by === 'subject'
            ? [NOTIFICATIONS_SQL.removeBySubject, [removal.recipientId, removal.kind, removal.subject]]
            : removal.by === 'post'
              ? [NOTIFICATIONS_SQL.removeByPost, [removal.postId]]
              : [NOTIFICATIONS_SQL.removeByComment, [removal.commentId]];
      const { rows } = await db.query<{ recipient_id: number; unread: boolean }>(sql, params);
      return [...new Set(rows.filter((r) => r.unread).map((r) => Number(r.recipient_id)))];
    },

    /** `size + 1` rows from `cursor` down, for keysetPage. */
    async page(recipientId: number, cursor: number | null, limit: number): Promise<NotificationRow[]> {
      const { rows } = await db.query<NotificationRow>(NOTIFICATIONS_SQL.page, [recipientId, cursor, limit]);
      return rows.map(toRow);
    },

    async unreadCount(recipientId: number): Promise<number> {
      const { rows } = await db.query<{ n: number }>(NOTIFICATIONS_SQL.unreadCount, [recipientId]);
      return rows[0]?.n ?? 0;
    },

    /** 'read' (now), 'unchanged' (read before) or 'missing' (none of this id is theirs). */
    async markRead(id: number, recipientId: number): Promise<'read' | 'unchanged' | 'missing'> {
      if ((await db.query(NOTIFICATIONS_SQL.markRead, [id, recipientId])).rowCount > 0) return 'read';
      const { rows } = await db.query<{ found: boolean }>(NOTIFICATIONS_SQL.exists, [id, recipientId]);
      return rows[0]?.found ? 'unchanged' : 'missing';
    },

    /** True when something was unread. */
    async markAllRead(recipientId: number): Promise<boolean> {
      return (await db.query(NOTIFICATIONS_SQL.markAllRead, [recipientId])).rowCount > 0;
    },

    /**
     * The sweeper's: deletes up to `limit` notifications older than `ageMs` (`read`: only read
     * ones); returns how many.
     */
    async removeOlderThan(ageMs: number, limit: number, only?: 'read'): Promise<number> {
      const sql = only === 'read' ? NOTIFICATIONS_SQL.removeReadOlderThan : NOTIFICATIONS_SQL.removeOlderThan;
      return (await db.query(sql, [ageMs / 1000, limit])).rowCount;
    },
  };
}

export type NotificationsRepository = ReturnType<typeof createNotificationsRepository>;
