-- Messages by creation time, for the batch service's daily statistics (the first and last id of
-- a day). BRIN: a few pages summarising block ranges, nearly free on insert, fit for a table
-- appended in time order (each block holds messages of a few seconds).
create index if not exists messages_created_brin on chat.messages using brin (created_at);
