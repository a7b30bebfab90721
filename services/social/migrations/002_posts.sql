-- Posts with their tags and images, comments one level deep, reactions (schema social).

-- A post; deleting one sets deleted_at (it leaves every list, its rows stay).
create table social.posts (
  id bigserial primary key,
  author_id bigint not null,
  text text not null,
  visibility text not null check (visibility in ('PUBLIC', 'FOLLOWERS', 'PRIVATE')),
  tags text[] not null default '{}',
  mentions bigint[] not null default '{}',
  created_at timestamptz not null default now(),
  edited_at timestamptz,
  deleted_at timestamptz
);
-- The feed (fan-out on read: the newest posts of each author followed) and a user's posts;
-- with visibility, the feed's per-author scans read the index only.
create index posts_author on social.posts (author_id, id desc) include (visibility) where deleted_at is null;

-- Tag pages, newest first; a post's rows go when it is deleted or its tags change.
create table social.post_tags (
  tag text not null,
  post_id bigint not null references social.posts (id),
  primary key (tag, post_id)
);
create index post_tags_post on social.post_tags (post_id);

-- An image is uploaded first (post_id null), then taken by one post at `ordinal` (1..4).
create table social.post_images (
  id text primary key,
  uploader_id bigint not null,
  post_id bigint references social.posts (id),
  ordinal smallint,
  content_type text not null,
  size integer not null,
  created_at timestamptz not null default now()
);
create index post_images_post on social.post_images (post_id, ordinal) where post_id is not null;
create index post_images_waiting on social.post_images (uploader_id, created_at) where post_id is null;

-- Comments, and replies to top-level comments (parent_id); deleted_at as for posts.
create table social.comments (
  id bigserial primary key,
  post_id bigint not null references social.posts (id),
  parent_id bigint references social.comments (id),
  author_id bigint not null,
  text text not null,
  mentions bigint[] not null default '{}',
  created_at timestamptz not null default now(),
  deleted_at timestamptz
);
create index comments_thread on social.comments (post_id, parent_id, id) where deleted_at is null;

-- One reaction per user per post; `id` orders the list of who reacted.
create table social.reactions (
  id bigserial unique,
  post_id bigint not null references social.posts (id),
  user_id bigint not null,
  kind text not null check (kind in ('LIKE', 'LOVE', 'HAHA', 'WOW', 'SAD')),
  created_at timestamptz not null default now(),
  primary key (post_id, user_id)
);
create index reactions_post on social.reactions (post_id, id desc);
