-- The social service's accounts and follows (schema social).

-- A user's social settings; a user without a row has the defaults (public).
create table social.accounts (
  user_id bigint primary key,
  private boolean not null default false,
  updated_at timestamptz not null default now()
);

-- Who follows whom (approved). `id` orders the lists, newest first.
create table social.follows (
  id bigserial unique,
  follower_id bigint not null,
  followee_id bigint not null,
  created_at timestamptz not null default now(),
  primary key (follower_id, followee_id),
  check (follower_id <> followee_id)
);
create index follows_followee on social.follows (followee_id, id desc);
create index follows_follower on social.follows (follower_id, id desc);

-- Requests to follow a private account, until accepted or declined.
create table social.follow_requests (
  id bigserial unique,
  requester_id bigint not null,
  target_id bigint not null,
  created_at timestamptz not null default now(),
  primary key (requester_id, target_id),
  check (requester_id <> target_id)
);
create index follow_requests_target on social.follow_requests (target_id, id desc);

create table social.outbox (
  id bigserial primary key,
  event_id text not null,
  key text not null,
  type text not null,
  payload text not null,
  request_id text,
  created_at timestamptz not null default now()
);
