-- Replies: a message may answer another message of its room (checked when the SEND is accepted).
alter table chat.messages add column if not exists reply_to_id bigint;
