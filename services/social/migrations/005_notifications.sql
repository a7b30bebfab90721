-- Notifications (schema social), kept from the service's own events by the 'social-notifications'
-- consumer of social.events.

-- One notification of `recipient_id`. `subject` says what it is about, per kind (see
-- notification-rules.ts): the event for follows, the comment, the guestbook entry, the post and
-- the reacting user for a reaction, the post or comment for a mention. A redelivered event, an
-- edit naming the same user again or a second reaction of one user find their row: stored once.
-- `id` orders the list, newest first.
create table social.notifications (
  id bigserial primary key,
  recipient_id bigint not null,
  kind text not null,
  subject text not null,
  actor_id bigint not null,
  event_id text not null,
  post_id bigint,
  comment_id bigint,
  entry_id bigint,
  reaction text,
  read_at timestamptz,
  created_at timestamptz not null default now(),
  unique (recipient_id, kind, subject),
  check (recipient_id <> actor_id)
);
create index notifications_recipient on social.notifications (recipient_id, id desc);
create index notifications_unread on social.notifications (recipient_id) where read_at is null;
-- Removed with what they are about (a deleted post or comment).
create index notifications_post on social.notifications (post_id) where post_id is not null;
create index notifications_comment on social.notifications (comment_id) where comment_id is not null;
