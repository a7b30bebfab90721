-- Mini-homepages: rooms, their decorations, visits and guestbooks (schema social).

-- A user's room, made on first use. `title` null shows the owner's nickname. The background is
-- a colour or an owned DECORATION asset. Visit counters: `today_count` counts the Asia/Seoul
-- day `today_day` (0 when that day is past), `total_count` every counted visit; both grow only
-- with a new row of room_visits, in its transaction. `active_at`: the last change or counted
-- visit (random visits pick among rooms active lately).
create table social.rooms (
  owner_id bigint primary key,
  title text,
  theme text not null default 'CLASSIC',
  background_color text default '#FFFFFF',
  background_asset_id bigint,
  intro text not null default '',
  today_day date not null default (now() at time zone 'Asia/Seoul')::date,
  today_count integer not null default 0,
  total_count bigint not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  active_at timestamptz not null default now(),
  check ((background_color is null) <> (background_asset_id is null)),
  foreign key (owner_id, background_asset_id) references social.owned_assets (user_id, asset_id)
);

-- Decorations placed in a room: owned assets (the foreign key), each at most once.
create table social.room_decorations (
  owner_id bigint not null references social.rooms (owner_id),
  asset_id bigint not null,
  x integer not null check (x between 0 and 1000),
  y integer not null check (y between 0 and 600),
  z integer not null check (z between 0 and 999),
  position smallint not null,
  primary key (owner_id, asset_id),
  foreign key (owner_id, asset_id) references social.owned_assets (user_id, asset_id) on delete cascade
);

-- Counted visits: one row per room, visitor and Asia/Seoul day (the unique key makes a visit
-- count once, whichever node takes it). `id` orders the owner's list of visitors, newest first.
create table social.room_visits (
  id bigserial unique,
  owner_id bigint not null,
  visitor_id bigint not null,
  day date not null,
  visited_at timestamptz not null default now(),
  primary key (owner_id, day, visitor_id)
);
create index room_visits_recent on social.room_visits (owner_id, id desc);

-- Guestbook entries. The owner hides (hidden_at), the author deletes (the row goes).
create table social.guestbook_entries (
  id bigserial primary key,
  owner_id bigint not null,
  author_id bigint not null,
  text text not null,
  hidden_at timestamptz,
  created_at timestamptz not null default now()
);
create index guestbook_entries_owner on social.guestbook_entries (owner_id, id desc);
