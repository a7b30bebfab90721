-- Last seen: when a user's last connection closed (chat knows connections), and whether they
-- let the people who share a room with them see it.
alter table chat.users add column if not exists last_seen_at timestamptz;
alter table chat.users add column if not exists show_last_seen boolean not null default true;
