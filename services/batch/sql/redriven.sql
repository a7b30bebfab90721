-- The SQL of services/batch/src/jobs/dead-letter-sweep/redriven.queries.ts, statement by statement, as sent ($1, $2, ... are bound values).
-- Written by scripts/sql-snapshots.test.ts; do not edit. After a query change run
-- UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots and commit this file with the change.

-- REDRIVEN_SQL.seen
select fingerprint from batch.redriven_letters where fingerprint = any($1::text[]);

-- REDRIVEN_SQL.remember
insert into batch.redriven_letters (fingerprint, topic, grp, execution_id)
select unnest($1::text[]), $2, $3, $4
on conflict (fingerprint) do nothing;

-- REDRIVEN_SQL.forget
delete from batch.redriven_letters where redriven_at < $1;
