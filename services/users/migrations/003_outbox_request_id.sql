-- The request that changed the user: the relay puts it in the record's headers, so the
-- consumers' log lines carry the same id as the request's (docs/operations.md, "Logs").
alter table users.outbox add column request_id text;
