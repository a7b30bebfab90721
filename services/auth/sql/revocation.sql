-- The SQL of services/auth/src/sessions/revocation.queries.ts, statement by statement, as sent ($1, $2, ... are bound values).
-- Written by scripts/sql-snapshots.test.ts; do not edit. After a query change run
-- UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots and commit this file with the change.

-- REVOCATION_SQL.save
insert into auth.revocations (key, value, expires_at) values ($1, $2, $3)
on conflict (key) do update
  set value = greatest(auth.revocations.value, excluded.value),
      expires_at = greatest(auth.revocations.expires_at, excluded.expires_at)
returning value::text as value;

-- REVOCATION_SQL.get
select key, value::text as value from auth.revocations
 where key = any($1::text[]) and expires_at > now();

-- REVOCATION_SQL.live
select key, value::text as value, expires_at from auth.revocations where expires_at > now();

-- REVOCATION_SQL.purgeExpired
delete from auth.revocations where expires_at < now();
