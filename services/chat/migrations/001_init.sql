-- Chat service schema: rooms, members, messages, and a projection of users (from user events).

create table if not exists chat.users (
  id bigint primary key,
  nickname text not null,
  status text not null default 'ACTIVE',
  deleted boolean not null default false,
  updated_at timestamptz not null default now()
);

create table if not exists chat.rooms (
  id bigserial primary key,
  type text not null check (type in ('DIRECT', 'GROUP')),
  name text,
  created_by bigint not null,
  created_at timestamptz not null default now(),
  -- last activity (new message or membership change): the room list's order
  updated_at timestamptz not null default now(),
  -- seq of the room's newest message; unread = last_seq - member.last_read_seq
  last_seq bigint not null default 0,
  member_count integer not null default 0,
  -- 'smallerId:largerId' for DIRECT rooms: the database never holds two rooms for one pair
  direct_key text unique
);

create table if not exists chat.room_members (
  room_id bigint not null references chat.rooms (id) on delete cascade,
  user_id bigint not null,
  role text not null default 'MEMBER' check (role in ('OWNER', 'MEMBER')),
  joined_at timestamptz not null default now(),
  -- read mark: only moves forward
  last_read_seq bigint not null default 0,
  last_read_message_id bigint,
  primary key (room_id, user_id)
);
-- the room list: my memberships
create index if not exists room_members_user_idx on chat.room_members (user_id, room_id);

create table if not exists chat.messages (
  id bigserial primary key,
  room_id bigint not null references chat.rooms (id) on delete cascade,
  seq bigint not null,
  sender_id bigint not null,
  message_key text not null,
  content text not null,
  type text not null check (type in ('TEXT', 'IMAGE', 'SYSTEM')),
  created_at timestamptz not null,
  -- gapless per-room order; also serves afterSeq catch-up and the last message lookup
  constraint messages_room_seq_key unique (room_id, seq),
  -- idempotency: a replay or a client retry never makes a second row
  constraint messages_sender_key_key unique (sender_id, message_key)
);
-- history pages: id < cursor within a room, newest first
create index if not exists messages_room_id_idx on chat.messages (room_id, id);
