-- The SQL of services/users/src/events/outbox.queries.ts, statement by statement, as sent ($1, $2, ... are bound values).
-- Written by scripts/sql-snapshots.test.ts; do not edit. After a query change run
-- UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots and commit this file with the change.

-- OUTBOX_SQL.next
select id, event_id, user_id, type, payload, request_id from users.outbox order by id limit $1;

-- OUTBOX_SQL.delete
delete from users.outbox where id = any($1::bigint[]);

-- OUTBOX_SQL.backlog
select count(*)::int as n,
       coalesce(extract(epoch from now() - min(created_at)), 0)::float8 as age
  from users.outbox;
