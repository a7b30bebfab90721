-- Changes of stored messages (edit, unsend for everyone), applied by the persistence consumer
-- in log order with the messages. A change has its own per-room counter (change_seq), so
-- message seqs stay gapless; a message row holds its whole current state.

alter table chat.messages add column if not exists version integer not null default 0;
alter table chat.messages add column if not exists edited_at timestamptz;
alter table chat.messages add column if not exists deleted_at timestamptz;
-- the room's change counter at this message's latest change; null while it never changed
alter table chat.messages add column if not exists change_seq bigint;

-- the room's newest change_seq: the changes catch-up starts after a client's last one
alter table chat.rooms add column if not exists last_change_seq bigint not null default 0;

-- changes catch-up: a room's changed messages in change order (only changed rows are indexed)
create index if not exists messages_room_change_idx on chat.messages (room_id, change_seq)
  where change_seq is not null;

-- one row per applied change: idempotency on (actor, changeKey) across replays and retries
create table if not exists chat.message_changes (
  actor_id bigint not null,
  change_key text not null,
  room_id bigint not null references chat.rooms (id) on delete cascade,
  message_id bigint not null,
  change_seq bigint not null,
  kind text not null check (kind in ('EDITED', 'UNSENT')),
  applied_at timestamptz not null default now(),
  primary key (actor_id, change_key)
);
