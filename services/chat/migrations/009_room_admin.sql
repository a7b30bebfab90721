-- Room administration and per-member settings; system messages' structured part.
alter table chat.rooms add column if not exists image_url text;
-- a closed (deleted by its owner) room: readable by its members, takes no new messages
alter table chat.rooms add column if not exists closed_at timestamptz;

alter table chat.room_members add column if not exists muted boolean not null default false;
alter table chat.room_members add column if not exists pinned_at timestamptz;
-- hidden from the member's list until a message newer than this arrives
alter table chat.room_members add column if not exists hidden_at timestamptz;

-- SYSTEM messages: {event, actor, users, name}
alter table chat.messages add column if not exists system jsonb;
