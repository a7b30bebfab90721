-- "Delete for me": messages a member hid from their own view (others still see them).
create table if not exists chat.hidden_messages (
  user_id bigint not null,
  room_id bigint not null references chat.rooms (id) on delete cascade,
  message_id bigint not null references chat.messages (id) on delete cascade,
  hidden_at timestamptz not null default now(),
  primary key (user_id, room_id, message_id)
);
