-- Mentions: the members a message names (`@nickname`, or picked), resolved when it is accepted.
alter table chat.messages add column if not exists mentions bigint[];
