-- Attachments (issue #14): a member uploads a file to a room, then sends an IMAGE or FILE
-- message naming it. The row is written before the bytes are stored (`stored` false until
-- they are), so that an upload cut off by a crash is still found and cleaned up.
create table if not exists chat.attachments (
  id text primary key,
  room_id bigint not null references chat.rooms (id) on delete cascade,
  uploader_id bigint not null,
  name text not null,
  content_type text not null,
  kind text not null check (kind in ('IMAGE', 'FILE')),
  size bigint not null,
  width integer,
  height integer,
  thumbnail_size bigint,
  stored boolean not null default false,
  -- 'senderId:messageKey' of the SEND that took it (one message per upload; its retries too)
  sent_key text,
  created_at timestamptz not null default now(),
  -- when its bytes go (ATTACHMENT_RETENTION_DAYS), null: kept as long as its message
  expires_at timestamptz
);
-- a user's uploads of the last day (the daily quota)
create index if not exists attachments_uploader_idx on chat.attachments (uploader_id, created_at);
-- the clean-up: uploads never sent, and expired ones
create index if not exists attachments_created_idx on chat.attachments (created_at);
create index if not exists attachments_expiring_idx on chat.attachments (expires_at) where expires_at is not null;

-- The message keeps the attachment as it was sent (id, name, size, type, dimensions, expiry).
alter table chat.messages add column if not exists attachment jsonb;
-- which message sends an attachment: downloads check it is not unsent, the clean-up that it exists
create index if not exists messages_attachment_idx on chat.messages ((attachment ->> 'id'))
  where attachment is not null;

alter table chat.messages drop constraint if exists messages_type_check;
alter table chat.messages add constraint messages_type_check
  check (type in ('TEXT', 'IMAGE', 'FILE', 'SYSTEM'));
