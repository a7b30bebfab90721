-- The SQL of services/auth/src/credentials/credential.queries.ts, statement by statement, as sent ($1, $2, ... are bound values).
-- Written by scripts/sql-snapshots.test.ts; do not edit. After a query change run
-- UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots and commit this file with the change.

-- CREDENTIAL_SQL.get
select password_hash from auth.credentials where user_id = $1;

-- CREDENTIAL_SQL.put
insert into auth.credentials (user_id, password_hash) values ($1, $2)
on conflict (user_id) do update set password_hash = excluded.password_hash, updated_at = now();

-- CREDENTIAL_SQL.replace
update auth.credentials set password_hash = $3, updated_at = now()
 where user_id = $1 and password_hash = $2;

-- CREDENTIAL_SQL.delete
delete from auth.credentials where user_id = $1;
