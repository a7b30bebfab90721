-- Account self-service (issue 13).

-- A deleted user's messages stay, but chat forgets their name: every view then shows them as
-- '(unknown)' (the name chat gives a user it has no name for), which clients show as a deleted
-- user ("알 수 없는 사용자"). Deletion is final: ids are never reused.
alter table chat.users alter column nickname drop not null;
update chat.users set nickname = null where deleted;

-- The data export walks my messages in id order, a page at a time.
create index if not exists messages_sender_id_idx on chat.messages (sender_id, id);
