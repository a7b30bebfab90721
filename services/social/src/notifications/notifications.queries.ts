/**
 * The SQL of notifications. Parameters are always bound.
 * Snapshot: services/social/sql/notifications.sql.
 */
export const NOTIFICATIONS_SQL = {
  /**
   * $1 recipients, $2 kinds, $3 subjects, $4 actors, $5 post ids, $6 comment ids, $7 entry ids,
   * $8 reactions (one element per notification), $9 event id, $10 event time (epoch ms): the
   * notifications of one event; those stored before (a redelivery, the same subject again)
   * are left as they are and not returned.
   */
  insert: `
    insert into social.notifications
      (recipient_id, kind, subject, actor_id, post_id, comment_id, entry_id, reaction, event_id, created_at)
    select x.recipient_id, x.kind, x.subject, x.actor_id, x.post_id, x.comment_id, x.entry_id, x.reaction,
           $9, to_timestamp($10::float8 / 1000)
      from unnest($1::int8[], $2::text[], $3::text[], $4::int8[], $5::int8[], $6::int8[], $7::int8[], $8::text[])
           as x(recipient_id, kind, subject, actor_id, post_id, comment_id, entry_id, reaction)
    on conflict do nothing
    returning id, recipient_id, kind, actor_id, post_id, comment_id, entry_id, reaction,
              read_at is not null as read, created_at`,

  /**
   * $1 recipient, $2 kind, $3 subject, $4 reaction: a stored REACTION shows the user's reaction
   * now (they changed it: not news, no new notification).
   */
  updateReaction: `
    update social.notifications set reaction = $4
     where recipient_id = $1 and kind = $2 and subject = $3 and reaction is distinct from $4::text`,

  /** $1 recipient, $2 cursor (a row id, or null), $3 limit: newest first. */
  page: `
    select id, recipient_id, kind, actor_id, post_id, comment_id, entry_id, reaction,
           read_at is not null as read, created_at
      from social.notifications
     where recipient_id = $1 and ($2::bigint is null or id < $2)
     order by id desc limit $3`,

  /** $1 recipient. */
  unreadCount:
    'select count(*)::int as n from social.notifications where recipient_id = $1 and read_at is null',

  /** $1 id, $2 recipient: read now (nothing when it was read already, or is not theirs). */
  markRead: `
    update social.notifications set read_at = now()
     where id = $1 and recipient_id = $2 and read_at is null
    returning id`,

  /** $1 id, $2 recipient. */
  exists: 'select exists(select 1 from social.notifications where id = $1 and recipient_id = $2) as found',

  /** $1 recipient: every unread one read now. */
  markAllRead: `
    update social.notifications set read_at = now()
     where recipient_id = $1 and read_at is null`,

  /** $1 recipient, $2 actor, $3 kind. Removals return whose unread count went down. */
  removeByActor: `
    delete from social.notifications where recipient_id = $1 and actor_id = $2 and kind = $3
    returning recipient_id, read_at is null as unread`,

  /** $1 recipient, $2 kind, $3 subject. */
  removeBySubject: `
    delete from social.notifications where recipient_id = $1 and kind = $2 and subject = $3
    returning recipient_id, read_at is null as unread`,

  /** $1 post: everything about a deleted post. */
  removeByPost: `
    delete from social.notifications where post_id = $1
    returning recipient_id, read_at is null as unread`,

  /** $1 comment: everything about a deleted comment. */
  removeByComment: `
    delete from social.notifications where comment_id = $1
    returning recipient_id, read_at is null as unread`,

  /**
   * $1 age (s), $2 limit: the sweeper's (housekeeping/sweeper.ts), the oldest notifications,
   * read or not; rows another sweeper is deleting are skipped.
   */
  removeOlderThan: `
    delete from social.notifications
     where id in (
       select id from social.notifications
        where created_at < now() - make_interval(secs => $1)
        order by created_at limit $2
          for update skip locked)`,

  /** $1 age (s), $2 limit: the sweeper's, read notifications older than $1. */
  removeReadOlderThan: `
    delete from social.notifications
     where id in (
       select id from social.notifications
        where read_at is not null and created_at < now() - make_interval(secs => $1)
        order by created_at limit $2
          for update skip locked)`,
} as const;
