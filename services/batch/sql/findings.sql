-- The SQL of services/batch/src/jobs/unread-reconciliation/findings.queries.ts, statement by statement, as sent ($1, $2, ... are bound values).
-- Written by scripts/sql-snapshots.test.ts; do not edit. After a query change run
-- UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots and commit this file with the change.

-- FINDINGS_SQL.add
insert into batch.unread_findings (execution_id, user_id, room_id, cached, actual)
select $1, u, r, c, a
  from unnest($2::bigint[], $3::bigint[], $4::int[], $5::int[]) as f(u, r, c, a)
on conflict do nothing;

-- FINDINGS_SQL.of
select user_id, room_id, cached, actual, count(*) over () as total
  from batch.unread_findings
 where execution_id = $1
 order by user_id, room_id
 limit $2;
