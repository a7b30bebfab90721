-- Blocks: a user's blocked people. A blocked person cannot open a new 1:1 room that reaches the
-- blocker, and their messages in 1:1 rooms are not delivered to the blocker; they are not told.
create table if not exists chat.blocks (
  blocker_id bigint not null,
  blocked_id bigint not null,
  blocked_at timestamptz not null default now(),
  primary key (blocker_id, blocked_id)
);
-- persisting a 1:1 message asks: did the other side block its sender?
create index if not exists blocks_blocked_idx on chat.blocks (blocked_id, blocker_id);

-- a replayed batch asks who a stored message is hidden from
create index if not exists hidden_messages_message_idx on chat.hidden_messages (message_id);
