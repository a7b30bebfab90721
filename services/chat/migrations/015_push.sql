-- Web Push (issue #14): the browsers' push subscriptions of each user, and their notification
-- settings (previews, a do-not-disturb window in their own time zone).
create table if not exists chat.push_subscriptions (
  endpoint text primary key,
  user_id bigint not null,
  p256dh text not null,
  auth text not null,
  created_at timestamptz not null default now()
);
create index if not exists push_subscriptions_user_idx on chat.push_subscriptions (user_id);

create table if not exists chat.push_settings (
  user_id bigint primary key,
  previews boolean not null default true,
  -- minutes after local midnight; both null: no quiet hours
  dnd_start smallint,
  dnd_end smallint,
  time_zone text not null default 'UTC'
);
