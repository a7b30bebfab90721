-- Reactions (KakaoTalk's 공감): one per member per message, set and removed through the message
-- log like edits; the message row keeps their summary, so history reads stay one table.

create table if not exists chat.message_reactions (
  message_id bigint not null references chat.messages (id) on delete cascade,
  user_id bigint not null,
  reaction text not null,
  reacted_at timestamptz not null default now(),
  primary key (message_id, user_id)
);

-- [{reaction, count, userIds}] in the order of each reaction's first use; null while nobody reacted
alter table chat.messages add column if not exists reactions jsonb;
-- the kind of the message's latest change (EDITED, UNSENT, REACTED): the changes catch-up says it
alter table chat.messages add column if not exists change_kind text;

alter table chat.message_changes drop constraint if exists message_changes_kind_check;
alter table chat.message_changes add constraint message_changes_kind_check
  check (kind in ('EDITED', 'UNSENT', 'REACTED'));
