-- The SQL of services/users/src/stats/stats.queries.ts, statement by statement, as sent ($1, $2, ... are bound values).
-- Written by scripts/sql-snapshots.test.ts; do not edit. After a query change run
-- UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots and commit this file with the change.

-- STATS_SQL.signups
select count(*)::int as count from users.users where created_at >= $1 and created_at < $2;
