-- The SQL of services/social/src/notifications/notifications.queries.ts, statement by statement, as sent ($1, $2, ... are bound values).
-- Written by scripts/sql-snapshots.test.ts; do not edit. After a query change run
-- UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots and commit this file with the change.

-- NOTIFICATIONS_SQL.insert
insert into social.notifications
  (recipient_id, kind, subject, actor_id, post_id, comment_id, entry_id, reaction, event_id, created_at)
select x.recipient_id, x.kind, x.subject, x.actor_id, x.post_id, x.comment_id, x.entry_id, x.reaction,
       $9, to_timestamp($10::float8 / 1000)
  from unnest($1::int8[], $2::text[], $3::text[], $4::int8[], $5::int8[], $6::int8[], $7::int8[], $8::text[])
       as x(recipient_id, kind, subject, actor_id, post_id, comment_id, entry_id, reaction)
on conflict do nothing
returning id, recipient_id, kind, actor_id, post_id, comment_id, entry_id, reaction,
          read_at is not null as read, created_at;

-- NOTIFICATIONS_SQL.updateReaction
update social.notifications set reaction = $4
 where recipient_id = $1 and kind = $2 and subject = $3 and reaction is distinct from $4::text;

-- NOTIFICATIONS_SQL.page
select id, recipient_id, kind, actor_id, post_id, comment_id, entry_id, reaction,
       read_at is not null as read, created_at
  from social.notifications
 where recipient_id = $1 and ($2::bigint is null or id < $2)
 order by id desc limit $3;

-- NOTIFICATIONS_SQL.unreadCount
select count(*)::int as n from social.notifications where recipient_id = $1 and read_at is null;

-- NOTIFICATIONS_SQL.markRead
update social.notifications set read_at = now()
 where id = $1 and recipient_id = $2 and read_at is null
returning id;

-- NOTIFICATIONS_SQL.exists
select exists(select 1 from social.notifications where id = $1 and recipient_id = $2) as found;

-- NOTIFICATIONS_SQL.markAllRead
update social.notifications set read_at = now()
 where recipient_id = $1 and read_at is null;

-- NOTIFICATIONS_SQL.removeByActor
delete from social.notifications where recipient_id = $1 and actor_id = $2 and kind = $3
returning recipient_id, read_at is null as unread;

-- NOTIFICATIONS_SQL.removeBySubject
delete from social.notifications where recipient_id = $1 and kind = $2 and subject = $3
returning recipient_id, read_at is null as unread;

-- NOTIFICATIONS_SQL.removeByPost
delete from social.notifications where post_id = $1
returning recipient_id, read_at is null as unread;

-- NOTIFICATIONS_SQL.removeByComment
delete from social.notifications where comment_id = $1
returning recipient_id, read_at is null as unread;

-- NOTIFICATIONS_SQL.removeOlderThan
delete from social.notifications
 where id in (
   select id from social.notifications
    where created_at < now() - make_interval(secs => $1)
    order by created_at limit $2
      for update skip locked);

-- NOTIFICATIONS_SQL.removeReadOlderThan
delete from social.notifications
 where id in (
   select id from social.notifications
    where read_at is not null and created_at < now() - make_interval(secs => $1)
    order by created_at limit $2
      for update skip locked);
