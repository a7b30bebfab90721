/**
 * The original Spring design's tables, as its study guide defines them (shared/seeds:
 * `schema.sql` for `messages`, the JPA entities for the rest, Spring Boot's snake_case names):
 * what `import-spring` reads. `SOURCE_COLUMNS` is checked against the source database before
 * anything is read; `SOURCE_SCHEMA_SQL` creates an empty one (tests, the generator).
 */
export const SOURCE_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  users: ['id', 'email', 'password', 'nickname', 'created_at'],
  chat_rooms: ['id', 'name', 'type', 'created_by', 'created_at'],
  chat_room_members: ['id', 'room_id', 'user_id', 'last_read_message_id'],
  messages: ['id', 'message_key', 'room_id', 'sender_id', 'content', 'created_at'],
};

export const SOURCE_SCHEMA_SQL = `
create table if not exists users (
  id           bigserial primary key,
  email        varchar(255) not null unique,
  password     varchar(255) not null,
  nickname     varchar(50) not null,
  status       varchar(20) not null default 'OFFLINE',
  last_seen_at timestamp,
  created_at   timestamp not null default now()
);
create table if not exists chat_rooms (
  id         bigserial primary key,
  name       varchar(100),
  type       varchar(20) not null,
  created_by bigint,
  created_at timestamp not null default now()
);
create table if not exists chat_room_members (
  id                   bigserial primary key,
  room_id              bigint not null,
  user_id              bigint not null,
  unread_count         integer not null default 0,
  last_read_message_id bigint,
  joined_at            timestamp not null default now(),
  unique (room_id, user_id)
);
create table if not exists messages (
  id              bigserial primary key,
  message_key     uuid not null unique,
  room_id         bigint not null,
  sender_id       bigint not null,
  content         text not null,
  type            varchar(20) not null default 'TEXT',
  kafka_partition int,
  kafka_offset    bigint,
  created_at      timestamp not null default now()
);
create index if not exists idx_messages_room_id_id on messages (room_id, id desc);
`;
