-- The SQL of services/social/src/events/outbox.queries.ts, statement by statement, as sent ($1, $2, ... are bound values).
-- Written by scripts/sql-snapshots.test.ts; do not edit. After a query change run
-- UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots and commit this file with the change.

-- OUTBOX_SQL.insert
insert into social.outbox (event_id, key, type, payload, request_id) values ($1, $2, $3, $4, $5);

-- OUTBOX_SQL.next
select id, event_id, key, type, payload, request_id from social.outbox order by id limit $1;

-- OUTBOX_SQL.delete
delete from social.outbox where id = any($1::bigint[]);

-- OUTBOX_SQL.backlog
select count(*)::int as n,
       coalesce(extract(epoch from now() - min(created_at)), 0)::float8 as age
  from social.outbox;
